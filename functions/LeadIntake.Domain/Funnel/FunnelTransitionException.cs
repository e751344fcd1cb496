namespace LeadIntake.Domain.Funnel;

/// <summary>Thrown when a stage move is not in the funnel's table of allowed transitions.</summary>
public sealed class FunnelTransitionException : InvalidOperationException
{
    /// <summary>Creates the exception for the refused move.</summary>
    /// <param name="from">The stage the lead is in, or null for a lead entering the funnel.</param>
    /// <param name="to">The refused target stage.</param>
    public FunnelTransitionException(FunnelStage? from, FunnelStage to)
        : base(BuildMessage(from, to))
    {
        From = from;
        To = to;
    }

    /// <summary>The stage the lead is in, or null for a lead entering the funnel.</summary>
    public FunnelStage? From { get; }

    /// <summary>The refused target stage.</summary>
    public FunnelStage To { get; }

    private static string BuildMessage(FunnelStage? from, FunnelStage to)
    {
        var target = FunnelStageCodes.ToCode(to);
        if (from is not { } current)
        {
            return $"A lead cannot enter the funnel at {target}; it enters at {FunnelStageCodes.ToCode(FunnelTransitions.EntryStage)}.";
        }

        var allowed = FunnelTransitions.AllowedFrom(current);
        var options = allowed.Count == 0 ? "none (final stage)" : string.Join(", ", allowed.Select(FunnelStageCodes.ToCode));
        return $"A lead cannot move from {FunnelStageCodes.ToCode(current)} to {target}; allowed from {FunnelStageCodes.ToCode(current)}: {options}.";
    }
}
