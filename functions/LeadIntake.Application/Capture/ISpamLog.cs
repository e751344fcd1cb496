namespace LeadIntake.Application.Capture;

/// <summary>Counts the spam capture turned away, per UTC day, form and reason (<see cref="Domain.Forms.SpamReason"/>).</summary>
/// <remarks>Recording is in memory and never blocks or fails the request; the counts reach the SpamDaily table in the background.</remarks>
public interface ISpamLog
{
    /// <summary>Counts one spam submission to <paramref name="formId"/> turned away at <paramref name="at"/> for <paramref name="reason"/>.</summary>
    void Record(string formId, string reason, DateTimeOffset at);
}
