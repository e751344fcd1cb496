namespace LeadIntake.Domain.Sales;

/// <summary>What sales reports back about a lead; written as the snake_case codes of <see cref="SalesEventTypeCodes"/>.</summary>
public enum SalesEventType
{
    /// <summary>Sales took the MQL on: MQL → SAL ("accepted").</summary>
    Accepted,

    /// <summary>Sales turned it down: to the policy's recycle stage, reason required ("rejected").</summary>
    Rejected,

    /// <summary>A call, email or message to the lead; the first is the first response ("contact_attempt").</summary>
    ContactAttempt,

    /// <summary>Sales reached the lead ("connected"); also a contact attempt.</summary>
    Connected,

    /// <summary>A meeting is booked ("meeting_booked"); also a contact attempt.</summary>
    MeetingBooked,

    /// <summary>Sales qualified the lead: → SQL ("qualified").</summary>
    Qualified,

    /// <summary>Not a prospect: → Disqualified, reason required ("disqualified").</summary>
    Disqualified,

    /// <summary>An opportunity was opened: SQL → Opportunity, with an amount ("opportunity_created").</summary>
    OpportunityCreated,

    /// <summary>The deal was won: Opportunity → Won, with an amount ("won").</summary>
    Won,

    /// <summary>The deal was lost: Opportunity → Lost, reason required ("lost").</summary>
    Lost,
}

/// <summary>The codes of <see cref="SalesEventType"/> as the API and the tables write them.</summary>
public static class SalesEventTypeCodes
{
    private static readonly CodeTable<SalesEventType> _table = new([
        (SalesEventType.Accepted, "accepted"),
        (SalesEventType.Rejected, "rejected"),
        (SalesEventType.ContactAttempt, "contact_attempt"),
        (SalesEventType.Connected, "connected"),
        (SalesEventType.MeetingBooked, "meeting_booked"),
        (SalesEventType.Qualified, "qualified"),
        (SalesEventType.Disqualified, "disqualified"),
        (SalesEventType.OpportunityCreated, "opportunity_created"),
        (SalesEventType.Won, "won"),
        (SalesEventType.Lost, "lost"),
    ]);

    /// <summary>Every code, in declaration order.</summary>
    public static IReadOnlyList<string> All => _table.All;

    /// <summary>The code of <paramref name="type"/>.</summary>
    public static string ToCode(SalesEventType type) => _table.ToCode(type);

    /// <summary>Parses a code (exact); false when it is not one.</summary>
    public static bool TryParse(string? code, out SalesEventType type) => _table.TryParse(code, out type);

    /// <summary>True for the types that need a reason code.</summary>
    public static bool NeedsReason(SalesEventType type) => type is SalesEventType.Rejected or SalesEventType.Disqualified or SalesEventType.Lost;

    /// <summary>True for the types that count as contacting the lead (first response, follow-ups).</summary>
    public static bool IsContact(SalesEventType type) => type is SalesEventType.ContactAttempt or SalesEventType.Connected or SalesEventType.MeetingBooked;
}
