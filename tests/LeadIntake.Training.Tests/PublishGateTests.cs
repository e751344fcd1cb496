namespace LeadIntake.Training.Tests;

public sealed class PublishGateTests
{
    private const string SameRows = "both scored on the same 100 holdout rows of the history";

    /// <summary>A comparison in which the candidate scored <paramref name="candidate"/> and the current model <paramref name="current"/> on the same rows.</summary>
    private static GateComparison Current(double current, double candidate) => new("v-current", candidate, current, SameRows);

    [Fact]
    public void Evaluate_NothingPublished_Allows()
    {
        var decision = PublishGate.Evaluate(0.70, null, PublishGate.DefaultMaxAucDrop, force: false);

        Assert.True(decision.Allowed);
        Assert.False(decision.Forced);
        Assert.Contains("no model is published", decision.Reason);
    }

    [Theory]
    [InlineData(0.90, 0.85)] // better
    [InlineData(0.85, 0.85)] // equal
    [InlineData(0.845, 0.85)] // 0.005 worse: inside the 0.01 margin
    [InlineData(0.84, 0.85)] // exactly the margin
    public void Evaluate_WithinMargin_Allows(double candidate, double current)
    {
        var decision = PublishGate.Evaluate(candidate, Current(current, candidate), 0.01, force: false);

        Assert.True(decision.Allowed);
        Assert.False(decision.Forced);
    }

    [Fact]
    public void Evaluate_WorseThanMargin_RefusesNamingBothAucs()
    {
        var decision = PublishGate.Evaluate(0.80, Current(0.85, 0.80), 0.01, force: false);

        Assert.False(decision.Allowed);
        Assert.Contains("0.8000", decision.Reason);
        Assert.Contains("0.8500", decision.Reason);
        Assert.Contains("v-current", decision.Reason);
        Assert.Contains(SameRows, decision.Reason);
        Assert.Contains("--force", decision.Reason);
    }

    [Fact]
    public void Evaluate_DecidesOnTheComparedFiguresNotTheCardsHoldoutAuc()
    {
        // The card says 0.90, but on the current model's terms (same rows) the candidate scores 0.80 against 0.85: refused.
        var decision = PublishGate.Evaluate(0.90, Current(0.85, 0.80), 0.01, force: false);

        Assert.False(decision.Allowed);
        Assert.Contains("0.8000 vs 0.8500", decision.Reason);
    }

    [Fact]
    public void Evaluate_WorseThanMarginForced_AllowsAsForced()
    {
        var decision = PublishGate.Evaluate(0.80, Current(0.85, 0.80), 0.01, force: true);

        Assert.True(decision.Allowed);
        Assert.True(decision.Forced);
        Assert.StartsWith("forced", decision.Reason);
    }

    [Fact]
    public void Evaluate_WiderMargin_AllowsTheSameDrop()
    {
        Assert.True(PublishGate.Evaluate(0.80, Current(0.85, 0.80), 0.06, force: false).Allowed);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(1.5)]
    public void Evaluate_InvalidCandidateAuc_Refuses(double candidate)
    {
        Assert.False(PublishGate.Evaluate(candidate, null, 0.01, force: false).Allowed);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(double.NaN)]
    public void Evaluate_InvalidMargin_Throws(double margin)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PublishGate.Evaluate(0.8, null, margin, force: false));
    }
}
