namespace LeadIntake.Domain.Sla;

/// <summary>A timed obligation the clock checks; written as the snake_case codes of <see cref="DeadlineKindCodes"/>.</summary>
public enum DeadlineKind
{
    /// <summary>A new MQL's nurture period ends: hand it over ("handoff").</summary>
    Handoff,

    /// <summary>Sales must have made a first contact attempt ("first_response").</summary>
    FirstResponse,

    /// <summary>Sales must have made the policy's follow-ups ("follow_ups").</summary>
    FollowUps,

    /// <summary>A lost lead returns to Nurture ("recycle").</summary>
    Recycle,
}

/// <summary>The codes of <see cref="DeadlineKind"/>.</summary>
public static class DeadlineKindCodes
{
    private static readonly CodeTable<DeadlineKind> _table = new([
        (DeadlineKind.Handoff, "handoff"),
        (DeadlineKind.FirstResponse, "first_response"),
        (DeadlineKind.FollowUps, "follow_ups"),
        (DeadlineKind.Recycle, "recycle"),
    ]);

    /// <summary>Every code, in declaration order.</summary>
    public static IReadOnlyList<string> All => _table.All;

    /// <summary>The code of <paramref name="value"/>.</summary>
    public static string ToCode(DeadlineKind value) => _table.ToCode(value);

    /// <summary>Parses a code (exact); false when it is not one.</summary>
    public static bool TryParse(string? code, out DeadlineKind value) => _table.TryParse(code, out value);

    /// <summary>Parses a code.</summary>
    /// <exception cref="FormatException">Not a deadline code.</exception>
    public static DeadlineKind Parse(string code) => _table.Parse(code);
}

/// <summary>One open deadline of one lead.</summary>
/// <param name="LeadId">The lead.</param>
/// <param name="Kind">What is due.</param>
/// <param name="DueAt">When (UTC).</param>
public sealed record LeadDeadline(string LeadId, DeadlineKind Kind, DateTimeOffset DueAt);
