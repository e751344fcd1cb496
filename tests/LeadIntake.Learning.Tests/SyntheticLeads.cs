using System.Globalization;
using LeadIntake.Learning.Data;

namespace LeadIntake.Learning.Tests;

/// <summary>Seeded synthetic lead histories with a known conversion rule, messy like real exports.</summary>
/// <remarks>
/// Log-odds = −1.2 + 1.5·[Source = Referral] + 0.8·[Source = Email] − 0.6·[Source = Social] + 0.15·Visits
/// + 0.004·(Time on site − 300) − 0.8·[Visits missing]; Country is noise with 80 values; Form is "Select" (untouched) for a third.
/// </remarks>
public static class SyntheticLeads
{
    public static readonly string[] Columns = ["Lead ID", "Source", "Visits", "Time on site", "Country", "Form", "Converted"];

    private static readonly string[] Sources = ["Google", "Referral", "Direct", "Email", "Social"];

    public static TabularData Generate(int rows, int seed)
    {
        var random = new Random(seed);
        var data = new List<string?[]>(rows);
        for (var i = 0; i < rows; i++)
        {
            var source = Sources[random.Next(Sources.Length)];
            var visitsMissing = random.NextDouble() < 0.1;
            var visits = random.Next(0, 15);
            var time = Math.Round(random.NextDouble() * 900, 1);
            var logit = -1.2 + (source == "Referral" ? 1.5 : 0) + (source == "Email" ? 0.8 : 0) - (source == "Social" ? 0.6 : 0)
                        + (visitsMissing ? -0.8 : 0.15 * visits) + 0.004 * (time - 300);
            var converted = random.NextDouble() < 1 / (1 + Math.Exp(-logit));
            data.Add(
            [
                $"L-{seed}-{i:D5}",
                source,
                visitsMissing ? "NA" : visits.ToString(CultureInfo.InvariantCulture),
                time.ToString(CultureInfo.InvariantCulture),
                $"C{random.Next(80):D2}",
                random.NextDouble() < 0.33 ? "Select" : random.NextDouble() < 0.5 ? "Student" : "Working",
                converted ? "yes" : "no",
            ]);
        }

        return new TabularData(Columns, data);
    }

    public static TrainingOptions Options(int seed = 42) => new()
    {
        Label = "Converted",
        MissingMarkers = ["Select"],
        Seed = seed,
        CreatedAt = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero),
    };

    public static IReadOnlyDictionary<string, object?> Lead(string source, object? visits, object? time, string country = "C01", string? form = "Working") =>
        new Dictionary<string, object?>
        {
            ["Lead ID"] = "L-x", ["Source"] = source, ["Visits"] = visits, ["Time on site"] = time, ["Country"] = country, ["Form"] = form,
        };
}
