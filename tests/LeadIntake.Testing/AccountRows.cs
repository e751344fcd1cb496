using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace LeadIntake.Testing;

/// <summary>Every row in a storage account, and whether a row names a person: what the erasure tests prove nothing is left of.</summary>
public static class AccountRows
{
    /// <summary>Every row of every table in the account (not only the app's list of tables), with its table.</summary>
    public static async Task<List<(string Table, TableEntity Row)>> EveryRowAsync(TableServiceClient service)
    {
        var rows = new List<(string, TableEntity)>();
        await foreach (var table in service.QueryAsync())
        {
            await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
                rows.Add((table.Name, row));
        }

        return rows;
    }

    /// <summary>True when any key or property value of <paramref name="row"/> holds <paramref name="leadId"/> or <paramref name="email"/> (any case).</summary>
    public static bool Names(TableEntity row, string leadId, string email) => row.Any(p =>
    {
        var text = p.Value switch
        {
            null => "",
            string s => s,
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString() ?? "",
        };
        return text.Contains(leadId, StringComparison.Ordinal) || text.Contains(email, StringComparison.OrdinalIgnoreCase);
    });
}
