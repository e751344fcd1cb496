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
    private static readonly (DeadlineKind Kind, string Code)[] _codes =
    [
        (DeadlineKind.Handoff, "handoff"),
        (DeadlineKind.FirstResponse, "first_response"),
        (DeadlineKind.FollowUps, "follow_ups"),
        (DeadlineKind.Recycle, "recycle"),
    ];

    /// <summary>The code of <paramref name="kind"/>.</summary>
    public static string ToCode(DeadlineKind kind) => _codes.First(c => c.Kind == kind).Code;

    /// <summary>Parses a code.</summary>
    /// <exception cref="FormatException">Not a deadline code.</exception>
    public static DeadlineKind Parse(string code) =>
        _codes.FirstOrDefault(c => c.Code == code) is { Code: not null } match
            ? match.Kind
            : throw new FormatException($"'{code}' is not a deadline kind; expected one of {string.Join(", ", _codes.Select(c => c.Code))}.");
}

/// <summary>One open deadline of one lead.</summary>
/// <param name="LeadId">The lead.</param>
/// <param name="Kind">What is due.</param>
/// <param name="DueAt">When (UTC).</param>
public sealed record LeadDeadline(string LeadId, DeadlineKind Kind, DateTimeOffset DueAt);
