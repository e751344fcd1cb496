namespace LeadIntake.DemoHistory;

/// <summary>One made-up lead: who it is, where it came from, and how good a prospect it really is.</summary>
/// <param name="Index">Its number in the history (0-based); with the seed, what its random choices derive from.</param>
/// <param name="CapturedAt">When its first form was submitted.</param>
/// <param name="Fields">The first form's fields (<see cref="Domain.Capture.LeadFieldNames"/>), as a browser would post them.</param>
/// <param name="Channel">The channel code its first touch is classified as (for the spend).</param>
/// <param name="Campaign">The campaign of its first touch, if any.</param>
/// <param name="Quality">
/// The truth the scorer never sees: a log-odds built from the features it does see (email class, seniority, country, channel,
/// phone, form, contact request) plus noise. Every sales outcome is drawn from it.
/// </param>
public sealed record DemoLead(
    int Index, DateTimeOffset CapturedAt, IReadOnlyList<(string Name, string? Value)> Fields, string Channel, string? Campaign, double Quality);
