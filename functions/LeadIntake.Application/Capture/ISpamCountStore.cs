namespace LeadIntake.Application.Capture;

/// <summary>Where <see cref="SpamLog"/> adds its counts: the SpamDaily table a marketer reads.</summary>
public interface ISpamCountStore
{
    /// <summary>Adds <paramref name="count"/> to its day's, form's and reason's running total (creating the row when it is the first).</summary>
    /// <remarks>
    /// Adds, never replaces: several instances add to the same totals at once, so an implementation must not lose an
    /// addition to a race (optimistic concurrency). Throws on a storage failure, having added nothing.
    /// </remarks>
    Task AddAsync(SpamCount count, CancellationToken cancellationToken);
}

/// <summary>Spam submissions counted for one UTC day, form and reason since the last flush.</summary>
/// <param name="Day">The UTC day they were turned away on.</param>
/// <param name="FormId">The form they were posted to (<see cref="SpamLog.OtherForms"/> for forms beyond the key limit).</param>
/// <param name="Reason">The reason code (<see cref="Domain.Forms.SpamReason"/>).</param>
/// <param name="Count">How many (at least 1).</param>
/// <param name="LastAt">When the latest of them was turned away (UTC).</param>
public sealed record SpamCount(DateOnly Day, string FormId, string Reason, long Count, DateTimeOffset LastAt);
