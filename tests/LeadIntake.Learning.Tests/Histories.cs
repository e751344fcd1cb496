using System.Globalization;
using LeadIntake.Learning.Data;

namespace LeadIntake.Learning.Tests;

/// <summary>In-memory histories for the unit tests: <see cref="IntakeHistory"/> read through <see cref="CsvTable"/>, plus extra columns.</summary>
internal static class Histories
{
    /// <summary><see cref="IntakeHistory.Csv"/> parsed from memory (no file).</summary>
    public static TabularData Intake(int rows, int seed) => CsvTable.Read(new StringReader(IntakeHistory.Csv(rows, seed)));

    /// <summary>Parses CSV text held in memory.</summary>
    public static TabularData Parse(string csv) => CsvTable.Read(new StringReader(csv));

    /// <summary>The outcome of each row of an <see cref="IntakeHistory"/> table.</summary>
    public static bool[] Outcomes(TabularData data) =>
        [.. data.Rows.Select(row => row[data.IndexOf(IntakeHistory.Label)] == "1")];

    /// <summary><paramref name="data"/> with a column added whose cell is <paramref name="cell"/>(row index, outcome).</summary>
    public static TabularData WithColumn(this TabularData data, string name, Func<int, bool, string> cell)
    {
        var outcomes = Outcomes(data);
        return new TabularData([.. data.Columns, name], [.. data.Rows.Select((row, r) => (string?[])[.. row, cell(r, outcomes[r])])]);
    }

    /// <summary>A seeded numeric column that leans toward the outcome: N(0, 1) + <paramref name="shift"/> for converted leads.</summary>
    public static Func<int, bool, string> Leaning(int seed, double shift)
    {
        var random = new Random(seed);
        return (_, converted) => (Normal(random) + (converted ? shift : 0)).ToString("0.###", CultureInfo.InvariantCulture);
    }

    /// <summary>The table's rows as the scorer's input (column → cell).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> Leads(TabularData data) =>
        [.. Enumerable.Range(0, data.RowCount).Select(data.RowAsDictionary)];

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
