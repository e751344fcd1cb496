using LeadIntake.Storage.Leads;

namespace LeadIntake.Storage.Capture;

/// <summary>Spam turned away on one UTC day for one form and reason: a row of <c>SpamDaily</c>, read by marketers in Storage Explorer.</summary>
/// <remarks>
/// PartitionKey = UTC day <c>yyyy-MM-dd</c>, RowKey = <c>{form id}|{reason}</c> (form id escaped with
/// <see cref="TableKeys.Escape"/>), so a day's partition lists every form and reason, sorted by form. Rows are only
/// ever added to (<see cref="TableSpamCountStore"/>), with ETag concurrency across instances.
/// </remarks>
public sealed class SpamDailyEntity : TableRow
{
    /// <summary>The form id as posted (unescaped); <c>*</c> for forms counted together beyond the app's key limit.</summary>
    public string Form { get; set; } = "";

    /// <summary>The reason code: <c>honeypot</c>, <c>too-fast</c>, <c>token-expired</c>, <c>token-invalid</c>, <c>token-missing</c>,
    /// <c>rate-address</c>, <c>rate-form</c>, <c>link-in-name</c>, <c>disposable-email</c>.</summary>
    public string Reason { get; set; } = "";

    /// <summary>Spam submissions turned away that day for this form and reason.</summary>
    public long Count { get; set; }

    /// <summary>When the latest of them was turned away (UTC).</summary>
    public DateTimeOffset LastAt { get; set; }

    /// <summary>The PartitionKey of a UTC day.</summary>
    public static string PartitionKeyFor(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The RowKey of a form and reason.</summary>
    public static string RowKeyFor(string formId, string reason) => $"{TableKeys.Escape(formId)}|{TableKeys.Escape(reason)}";
}
