using System.Collections.Concurrent;
using LeadIntake.Domain.Forms;

namespace LeadIntake.Application.Capture;

/// <summary>Per-form rate limits of capture: submissions per client address per hour, and per form per minute.</summary>
/// <remarks>
/// <para>
/// Each limit is a sliding window, approximated the usual way (Cloudflare's and nginx's): the count of the current fixed
/// window plus the previous window's count weighted by how much of it the sliding window still covers. That holds one
/// small counter per key, needs no timer, and is never more than a fraction of one window's traffic off.
/// </para>
/// <para>
/// Counts live in this process: with N instances behind the load balancer a client can get up to N times the limit. Azure
/// Front Door's WAF rate-limit rules or API Management's <c>rate-limit-by-key</c> enforce one limit across instances in
/// front of the app. At most <see cref="MaxTrackedKeys"/> client keys are held; beyond that (a botnet of that many
/// addresses within an hour) new addresses go untracked and only the per-form limit holds. Thread-safe.
/// </para>
/// </remarks>
public sealed class SubmissionRateLimiter(TimeProvider timeProvider)
{
    /// <summary>Most client-address counters held at once.</summary>
    public const int MaxTrackedKeys = 100_000;

    private static readonly TimeSpan s_addressWindow = TimeSpan.FromHours(1);
    private static readonly TimeSpan s_formWindow = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_purgeInterval = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, SlidingWindow> _addresses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SlidingWindow> _forms = new(StringComparer.OrdinalIgnoreCase);
    private long _nextPurgeAtTicks;

    /// <summary>Takes one submission of <paramref name="form"/> from <paramref name="clientIpHash"/>; the spam reason when a limit is reached, else null.</summary>
    public string? TryTake(LandingForm form, string? clientIpHash)
    {
        ArgumentNullException.ThrowIfNull(form);
        var now = timeProvider.GetUtcNow();
        if (clientIpHash is not null && AddressWindow(form.FormId + "|" + clientIpHash, now) is { } address
            && !address.TryTake(form.MaxPerAddressPerHour, now))
            return SpamReason.AddressRateLimit;

        return _forms.GetOrAdd(form.FormId, _ => new SlidingWindow(s_formWindow)).TryTake(form.MaxPerFormPerMinute, now)
            ? null
            : SpamReason.FormRateLimit;
    }

    private SlidingWindow? AddressWindow(string key, DateTimeOffset now)
    {
        if (_addresses.TryGetValue(key, out var window))
            return window;
        if (_addresses.Count >= MaxTrackedKeys && !Purge(now))
            return null;
        return _addresses.GetOrAdd(key, _ => new SlidingWindow(s_addressWindow));
    }

    // Drops counters whose windows are over; true when that made room.
    private bool Purge(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextPurgeAtTicks);
        if (now.UtcTicks >= next && Interlocked.CompareExchange(ref _nextPurgeAtTicks, (now + s_purgeInterval).UtcTicks, next) == next)
        {
            foreach (var (key, window) in _addresses)
            {
                if (window.IsIdle(now))
                    _addresses.TryRemove(key, out _);
            }
        }

        return _addresses.Count < MaxTrackedKeys;
    }

    private sealed class SlidingWindow(TimeSpan length)
    {
        private readonly Lock _lock = new();
        private long _currentStartTicks;
        private int _current;
        private int _previous;

        public bool TryTake(int limit, DateTimeOffset now)
        {
            lock (_lock)
            {
                Advance(now);
                var intoWindow = (double)(now.UtcTicks - _currentStartTicks) / length.Ticks;
                var estimate = _previous * (1 - intoWindow) + _current;
                if (estimate + 1 > limit)
                    return false;
                _current++;
                return true;
            }
        }

        public bool IsIdle(DateTimeOffset now)
        {
            lock (_lock)
                return now.UtcTicks - _currentStartTicks >= 2 * length.Ticks;
        }

        private void Advance(DateTimeOffset now)
        {
            var start = now.UtcTicks - now.UtcTicks % length.Ticks;
            if (start == _currentStartTicks)
                return;
            _previous = start - _currentStartTicks == length.Ticks ? _current : 0;
            _current = 0;
            _currentStartTicks = start;
        }
    }
}
