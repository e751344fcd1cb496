using System.Globalization;

namespace LeadIntake.Hardening;

/// <summary>What one scenario measured (figures for the table) and which of the product's promises it saw broken.</summary>
/// <remarks>Broken promises are the suite's verdict: a lost or duplicated lead, a 5xx, a hang, a poisoned message. Figures are only printed.</remarks>
public sealed class ScenarioReport(string scenario)
{
    private readonly List<(string Figure, string Value)> _figures = [];
    private readonly List<string> _broken = [];

    /// <summary>The scenario's name, the first column of its rows.</summary>
    public string Scenario { get; } = scenario;

    /// <summary>The figures, in the order measured.</summary>
    public IReadOnlyList<(string Figure, string Value)> Figures => _figures;

    /// <summary>Every promise seen broken, one sentence each; empty when the scenario passed.</summary>
    public IReadOnlyList<string> Broken => _broken;

    /// <summary>Adds a figure to the table.</summary>
    public ScenarioReport Figure(string figure, string value)
    {
        _figures.Add((figure, value));
        return this;
    }

    /// <summary>Adds a figure formatted with the invariant culture, e.g. <c>Figure("drain", $"{rate:F0} leads/s")</c>.</summary>
    public ScenarioReport Figure(string figure, FormattableString value) => Figure(figure, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Records a broken promise.</summary>
    public ScenarioReport Break(string what)
    {
        _broken.Add(what);
        return this;
    }

    /// <summary>Records every broken promise of <paramref name="what"/>.</summary>
    public ScenarioReport Break(IEnumerable<string> what)
    {
        _broken.AddRange(what);
        return this;
    }

    /// <summary>The reports as one Markdown table (scenario | figure | value), then every broken promise.</summary>
    public static string Table(IEnumerable<ScenarioReport> reports)
    {
        var lines = new List<string> { "| scenario | figure | value |", "|---|---|---|" };
        var broken = new List<string>();
        foreach (var report in reports)
        {
            lines.AddRange(report.Figures.Select((row, i) => $"| {(i == 0 ? report.Scenario : "")} | {row.Figure} | {row.Value} |"));
            lines.Add($"| {(report.Figures.Count == 0 ? report.Scenario : "")} | promises broken | {report.Broken.Count} |");
            broken.AddRange(report.Broken.Select(what => $"BROKEN ({report.Scenario}): {what}"));
        }

        return string.Join(Environment.NewLine, lines.Concat(broken));
    }
}
