namespace LeadIntake.Application.Processing;

/// <summary>Sends the sales hand-offs that stayed in an outbox: every retry of their cause failed to send them.</summary>
/// <remarks>
/// Run on a timer. Only hand-offs older than <see cref="MinimumAge"/> are taken, so one that is being sent right now is not
/// sent twice in the ordinary case (a duplicate is still harmless: consumers drop repeats by
/// <see cref="SalesHandoffMessage.HandoffId"/>).
/// </remarks>
public sealed class SweepSalesHandoffs(ILeadStore leads, HandoffSender sender, TimeProvider timeProvider)
{
    /// <summary>How old a hand-off must be before the sweep sends it.</summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromMinutes(5);

    /// <summary>Sends and clears every hand-off older than <see cref="MinimumAge"/>; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        await foreach (var handoff in leads.FindUnsentHandoffsAsync(timeProvider.GetUtcNow() - MinimumAge, cancellationToken))
            sent += await sender.SendAsync([handoff], cancellationToken);
        return sent;
    }
}
