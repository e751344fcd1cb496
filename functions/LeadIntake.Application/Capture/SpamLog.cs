namespace LeadIntake.Application.Capture;

/// <summary>The <see cref="ISpamLog"/> of the function app: counts in memory, flushed to an <see cref="ISpamCountStore"/>.</summary>
/// <remarks>
/// <para>
/// <see cref="Record"/> runs on every spam request, floods included (hundreds a second): it takes one short lock around a
/// dictionary update (no I/O, no allocation for a key already counted) and never throws. <see cref="FlushAsync"/> takes
/// the pending counts out under the same lock and writes them outside it, one at a time; when the store fails, the
/// count that failed and every one after it are put back, so the next flush writes them (a write whose answer was lost
/// may be counted twice: at least once, not exactly once). Flushes run one at a time. Thread-safe.
/// </para>
/// <para>
/// Bounded: form ids come from the request, so a bot can invent one per post. At most <c>maxKeys</c> distinct
/// (day, form, reason) keys are pending; beyond it a count goes to its day's and reason's <see cref="OtherForms"/> key
/// (still counted, without the form), and when even those are full (<see cref="MaxOverflowKeys"/>) it is dropped and
/// counted in <see cref="Dropped"/>. Form ids are cut to <see cref="MaxFormIdLength"/> characters.
/// </para>
/// </remarks>
public sealed class SpamLog : ISpamLog
{
    /// <summary>Distinct pending keys kept unless configured otherwise: 10,000 (a few MB at most).</summary>
    public const int DefaultMaxKeys = 10_000;

    /// <summary>Pending <see cref="OtherForms"/> keys kept beyond the key limit: 256 (days × reasons of a long outage).</summary>
    public const int MaxOverflowKeys = 256;

    /// <summary>The form id counted for spam to forms beyond the key limit: <c>*</c>.</summary>
    public const string OtherForms = "*";

    /// <summary>Longest form id kept: 100, the capture limit on a form id (<see cref="Domain.Capture.LeadCaptureLimits.MaxFormIdLength"/>).</summary>
    public const int MaxFormIdLength = 100;

    private readonly ISpamCountStore _store;
    private readonly int _maxKeys;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private Dictionary<Key, Pending> _pending = [];
    private int _overflowKeys;
    private long _dropped;

    /// <summary>Creates the log.</summary>
    /// <param name="store">Where flushed counts go.</param>
    /// <param name="maxKeys">Most distinct (day, form, reason) keys pending at once (at least 1).</param>
    public SpamLog(ISpamCountStore store, int maxKeys = DefaultMaxKeys)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxKeys, 1);
        _store = store;
        _maxKeys = maxKeys;
    }

    /// <summary>Spam submissions dropped uncounted because every key was taken (since start).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>How many keys are waiting for the next flush.</summary>
    public int PendingKeys
    {
        get
        {
            lock (_lock)
                return _pending.Count;
        }
    }

    /// <inheritdoc />
    public void Record(string formId, string reason, DateTimeOffset at)
    {
        // Never throws: a request must not fail because counting it did. Null or oversized inputs are made safe instead.
        var form = formId is null ? string.Empty : formId.Length > MaxFormIdLength ? formId[..MaxFormIdLength] : formId;
        var utc = at.ToUniversalTime();
        var key = new Key(DateOnly.FromDateTime(utc.UtcDateTime), form, reason ?? string.Empty);
        lock (_lock)
            Add(key, 1, utc);
    }

    /// <summary>Writes the pending counts to the store and returns how many keys were written.</summary>
    /// <remarks>
    /// On a failure (or cancellation) the unwritten counts are kept for the next flush, merged with what was recorded
    /// meanwhile, and the exception is rethrown for the caller to log.
    /// </remarks>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            List<SpamCount> counts;
            lock (_lock)
            {
                if (_pending.Count == 0)
                    return 0;
                counts = [.. _pending.Select(p => new SpamCount(p.Key.Day, p.Key.FormId, p.Key.Reason, p.Value.Count, p.Value.LastAt))];
                _pending = new Dictionary<Key, Pending>(_pending.Count);
                _overflowKeys = 0;
            }

            // Oldest day first, then form and reason: a failure keeps the newest.
            counts.Sort((a, b) => a.Day != b.Day ? a.Day.CompareTo(b.Day)
                : string.CompareOrdinal(a.FormId, b.FormId) is var byForm and not 0 ? byForm
                : string.CompareOrdinal(a.Reason, b.Reason));
            var written = 0;
            try
            {
                for (; written < counts.Count; written++)
                    await _store.AddAsync(counts[written], cancellationToken);
            }
            catch
            {
                lock (_lock)
                {
                    foreach (var count in counts.Skip(written))
                        Add(new Key(count.Day, count.FormId, count.Reason), count.Count, count.LastAt);
                }

                throw;
            }

            return written;
        }
        finally
        {
            _flushing.Release();
        }
    }

    // Under _lock.
    private void Add(Key key, long count, DateTimeOffset at)
    {
        if (!_pending.TryGetValue(key, out var pending))
        {
            if (_pending.Count - _overflowKeys >= _maxKeys)
            {
                // Every form key is taken: count it for the day and reason without the form.
                key = key with { FormId = OtherForms };
                if (!_pending.TryGetValue(key, out pending))
                {
                    if (_overflowKeys >= MaxOverflowKeys)
                    {
                        Interlocked.Add(ref _dropped, count);
                        return;
                    }

                    _overflowKeys++;
                    _pending.Add(key, pending = new Pending());
                }
            }
            else
            {
                _pending.Add(key, pending = new Pending());
            }
        }

        pending.Count += count;
        if (at > pending.LastAt)
            pending.LastAt = at;
    }

    private readonly record struct Key(DateOnly Day, string FormId, string Reason);

    private sealed class Pending
    {
        public long Count;
        public DateTimeOffset LastAt = DateTimeOffset.MinValue;
    }
}
