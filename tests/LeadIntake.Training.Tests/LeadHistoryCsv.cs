using System.Globalization;
using System.Text;

namespace LeadIntake.Training.Tests;

/// <summary>Writes small, seeded lead histories shaped like a messy CRM export, for the CLI, notebook and report tests.</summary>
/// <remarks>
/// Columns: <c>Lead Id</c> (unique: ID-like), <c>Source</c> (categorical, some values hold the separator and quotes),
/// <c>Visits</c> and <c>Minutes On Site</c> (numeric, some blank), <c>Country</c> (with <c>Select</c> as an untouched
/// drop-down), <c>Sales Tag</c> (a planted leak: filled in after the outcome, right 97 % of the time) and
/// <c>Converted</c> (<c>yes</c>/<c>no</c>). Conversion depends on source, visits and minutes through a logistic
/// model, so a real trainer finds signal but the leak column alone predicts far better.
/// </remarks>
public static class LeadHistoryCsv
{
    /// <summary>The outcome column.</summary>
    public const string Label = "Converted";

    /// <summary>The ID-like column.</summary>
    public const string IdColumn = "Lead Id";

    /// <summary>The planted leak column.</summary>
    public const string LeakColumn = "Sales Tag";

    private static readonly string[] Sources = ["Google, paid", "Organic \"search\"", "Referral", "Email campaign", "Direct"];
    private static readonly double[] SourceEffects = [0.6, 0.2, 1.2, -0.3, -0.8];
    private static readonly string[] Countries = ["India", "Select", "United States", "Germany", "", "France"];

    /// <summary>Writes <paramref name="rows"/> leads to <paramref name="path"/>.</summary>
    /// <param name="path">File to create.</param>
    /// <param name="rows">Data rows.</param>
    /// <param name="seed">Seed of the generator: same seed, same file.</param>
    /// <param name="separator">Field separator (',' or ';').</param>
    /// <param name="withBom">Prefix a UTF-8 byte-order mark.</param>
    public static void Write(string path, int rows, int seed, char separator = ',', bool withBom = true)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        text.AppendJoin(separator, [Quote(IdColumn, separator), "Source", "Visits", Quote("Minutes On Site", separator), "Country", Quote(LeakColumn, separator), Label]);
        text.Append("\r\n");
        for (var i = 0; i < rows; i++)
        {
            var source = random.Next(Sources.Length);
            var visits = random.Next(0, 15);
            var minutes = Math.Round(random.NextDouble() * 30, 1);
            var logit = -1.0 + SourceEffects[source] + 0.15 * (visits - 5) + 0.08 * (minutes - 12);
            var converted = random.NextDouble() < 1 / (1 + Math.Exp(-logit));
            var tagRight = random.NextDouble() < 0.97;
            var tag = converted == tagRight ? "Will enroll" : "Not interested";
            string[] cells =
            [
                $"L-{seed:D3}-{i:D5}",
                Sources[source],
                random.NextDouble() < 0.05 ? "" : visits.ToString(CultureInfo.InvariantCulture),
                random.NextDouble() < 0.05 ? "NA" : minutes.ToString(CultureInfo.InvariantCulture),
                Countries[random.Next(Countries.Length)],
                tag,
                converted ? "yes" : "no",
            ];
            text.AppendJoin(separator, cells.Select(cell => Quote(cell, separator)));
            text.Append("\r\n");
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: withBom));
    }

    private static string Quote(string cell, char separator) =>
        cell.Contains(separator) || cell.Contains('"') || cell.Contains(' ')
            ? "\"" + cell.Replace("\"", "\"\"") + "\""
            : cell;
}
