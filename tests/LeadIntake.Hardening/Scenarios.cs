namespace LeadIntake.Hardening;

/// <summary>The suite's scenarios, in the order they run.</summary>
public static class Scenarios
{
    /// <summary>Every scenario: its name on the command line and how to run it.</summary>
    public static IReadOnlyList<(string Name, Func<Budget, Task<ScenarioReport>> Run)> All { get; } =
    [
        ("crash", CrashScenario.RunAsync),
    ];

    /// <summary>The scenario called <paramref name="name"/>.</summary>
    public static Func<Budget, Task<ScenarioReport>> Named(string name) => All.Single(s => s.Name == name).Run;
}
