namespace LeadIntake.Domain.Funnel;

/// <summary>The readable codes under which funnel stages are stored ("Lead", "MQL", "SAL", "SQL", …).</summary>
public static class FunnelStageCodes
{
    private static readonly (FunnelStage Stage, string Code)[] _codes =
    [
        (FunnelStage.Lead, "Lead"),
        (FunnelStage.MarketingQualified, "MQL"),
        (FunnelStage.SalesAccepted, "SAL"),
        (FunnelStage.SalesQualified, "SQL"),
        (FunnelStage.Opportunity, "Opportunity"),
        (FunnelStage.Won, "Won"),
        (FunnelStage.Lost, "Lost"),
        (FunnelStage.Nurture, "Nurture"),
        (FunnelStage.Disqualified, "Disqualified"),
    ];

    /// <summary>Returns the stored code of <paramref name="stage"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stage"/> is not a defined stage.</exception>
    public static string ToCode(FunnelStage stage)
    {
        foreach (var (s, code) in _codes)
        {
            if (s == stage)
            {
                return code;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(stage), stage, "Not a funnel stage.");
    }

    /// <summary>Parses a stored code (case-insensitive).</summary>
    /// <exception cref="FormatException"><paramref name="code"/> is not one of the codes.</exception>
    public static FunnelStage Parse(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return TryParse(code, out var stage)
            ? stage
            : throw new FormatException(
                $"'{code}' is not a funnel stage code; expected one of {string.Join(", ", _codes.Select(c => c.Code))}.");
    }

    /// <summary>Parses a stored code (case-insensitive); false when it is not one.</summary>
    public static bool TryParse(string? code, out FunnelStage stage)
    {
        foreach (var (s, c) in _codes)
        {
            if (string.Equals(c, code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                stage = s;
                return true;
            }
        }

        stage = default;
        return false;
    }
}
