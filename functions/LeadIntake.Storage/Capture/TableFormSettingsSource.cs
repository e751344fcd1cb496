using System.Globalization;
using Azure.Data.Tables;
using LeadIntake.Application.Capture;
using LeadIntake.Domain.Forms;

namespace LeadIntake.Storage.Capture;

/// <summary>Reads the form registry from the <see cref="StorageNames.FormsTable"/> table: PartitionKey = form id, RowKey = <see cref="RowKey"/>.</summary>
/// <remarks>
/// Marketers add and edit rows in Azure Storage Explorer, so every column is read as text whatever type the editor gave
/// it (a Boolean <c>true</c> and a String <c>"true"</c> mean the same); the domain parses and reports bad values.
/// Columns: AllowedOrigins, ThankYouUrl, RequiredFields, DefaultUtmSource, DefaultUtmMedium, DefaultUtmCampaign,
/// ConsentText, ConsentVersion, ConsentUrl, ContactRequest, DisposableEmails, RequireToken, MaxPerAddressPerHour,
/// MaxPerFormPerMinute, HoneypotFields.
/// </remarks>
public sealed class TableFormSettingsSource(TableServiceClient tables) : IFormSettingsSource
{
    /// <summary>The RowKey of a form's settings row.</summary>
    public const string RowKey = "form";

    private readonly TableClient _table = tables.GetTableClient(StorageNames.FormsTable);

    /// <inheritdoc />
    public async Task<IReadOnlyList<FormSettingsRow>> LoadAsync(CancellationToken cancellationToken)
    {
        var rows = new List<FormSettingsRow>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(row => row.RowKey == RowKey, cancellationToken: cancellationToken))
        {
            string? Text(string column) => entity.TryGetValue(column, out var value) && value is not null
                ? Convert.ToString(value, CultureInfo.InvariantCulture)
                : null;
            rows.Add(new FormSettingsRow(entity.PartitionKey)
            {
                AllowedOrigins = Text(nameof(FormSettingsRow.AllowedOrigins)),
                ThankYouUrl = Text(nameof(FormSettingsRow.ThankYouUrl)),
                RequiredFields = Text(nameof(FormSettingsRow.RequiredFields)),
                DefaultUtmSource = Text(nameof(FormSettingsRow.DefaultUtmSource)),
                DefaultUtmMedium = Text(nameof(FormSettingsRow.DefaultUtmMedium)),
                DefaultUtmCampaign = Text(nameof(FormSettingsRow.DefaultUtmCampaign)),
                ConsentText = Text(nameof(FormSettingsRow.ConsentText)),
                ConsentVersion = Text(nameof(FormSettingsRow.ConsentVersion)),
                ConsentUrl = Text(nameof(FormSettingsRow.ConsentUrl)),
                ContactRequest = Text(nameof(FormSettingsRow.ContactRequest)),
                DisposableEmails = Text(nameof(FormSettingsRow.DisposableEmails)),
                RequireToken = Text(nameof(FormSettingsRow.RequireToken)),
                MaxPerAddressPerHour = Text(nameof(FormSettingsRow.MaxPerAddressPerHour)),
                MaxPerFormPerMinute = Text(nameof(FormSettingsRow.MaxPerFormPerMinute)),
                HoneypotFields = Text(nameof(FormSettingsRow.HoneypotFields)),
            });
        }

        return rows;
    }
}
