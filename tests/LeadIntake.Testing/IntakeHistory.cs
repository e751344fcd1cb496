using System.Globalization;
using System.Text;

namespace LeadIntake.Testing;

/// <summary>Seeded synthetic lead histories with the function app's intake-time feature names, as CSV text (never third-party data).</summary>
/// <remarks>
/// Columns: <c>lead_id</c> (unique: ID-like), <c>created_at</c> (ISO-8601 UTC, within 180 days from 2026-01-01, not in row
/// order), <c>email_class</c>, <c>job_seniority</c> (categorical), <c>has_phone</c>, <c>contact_requested</c> (0/1 flags),
/// <c>message_length</c> (0–400) and <c>converted</c> (<c>1</c>/<c>0</c>). Conversion follows a logistic model of the features
/// (effects below) plus a drift of +1 log-odds over the
/// 180 days, so the most recent leads convert more often than a random sample: a time-based holdout is told apart from a
/// stratified one.
/// </remarks>
public static class IntakeHistory
{
    /// <summary>The outcome column.</summary>
    public const string Label = "converted";

    /// <summary>The creation time column (for <c>--time-column</c>).</summary>
    public const string TimeColumn = "created_at";

    /// <summary>The ID-like column.</summary>
    public const string IdColumn = "lead_id";

    /// <summary>The 0/1 flag columns (numeric-looking codes).</summary>
    public static IReadOnlyList<string> FlagColumns { get; } = ["has_phone", "contact_requested"];

    private static readonly string[] EmailClasses = ["corporate", "free_mail", "role", "disposable"];
    private static readonly double[] EmailClassEffects = [0.9, -0.3, 0.1, -1.5];
    private static readonly string[] Seniorities = ["vp", "director", "manager", "individual", "student"];
    private static readonly double[] SeniorityEffects = [1.2, 0.8, 0.3, -0.2, -1.2];
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A history of <paramref name="rows"/> leads: same seed, same text.</summary>
    public static string Csv(int rows, int seed, char separator = ',')
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        text.AppendJoin(separator, [IdColumn, TimeColumn, "email_class", "job_seniority", "has_phone", "contact_requested", "message_length", Label]);
        text.Append('\n');
        for (var i = 0; i < rows; i++)
        {
            var minutes = random.Next(0, 180 * 24 * 60);
            var email = random.Next(EmailClasses.Length);
            var seniority = random.Next(Seniorities.Length);
            var phone = random.NextDouble() < 0.5;
            var contact = random.NextDouble() < 0.3;
            var message = random.NextDouble() < 0.4 ? 0 : random.Next(1, 401);
            var logit = -2.2 + EmailClassEffects[email] + SeniorityEffects[seniority] + (phone ? 0.6 : 0) + (contact ? 0.9 : 0)
                + (0.4 * message / 100.0) + (1.0 * minutes / (180 * 24 * 60.0));
            var converted = random.NextDouble() < 1 / (1 + Math.Exp(-logit));
            text.AppendJoin(separator, [
                $"L{seed:D2}-{i:D5}",
                Start.AddMinutes(minutes).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                EmailClasses[email],
                Seniorities[seniority],
                phone ? "1" : "0",
                contact ? "1" : "0",
                message.ToString(CultureInfo.InvariantCulture),
                converted ? "1" : "0",
            ]);
            text.Append('\n');
        }

        return text.ToString();
    }
}
