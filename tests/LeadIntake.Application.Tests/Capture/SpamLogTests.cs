using LeadIntake.Application.Capture;
using LeadIntake.Domain.Forms;

namespace LeadIntake.Application.Tests.Capture;

public sealed class SpamLogTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 12, 1, 23, 59, 0, TimeSpan.Zero);

    [Fact]
    public async Task FlushAsync_CountsPerDayFormAndReason_LatestTimeKept()
    {
        var store = new FakeSpamCountStore();
        var log = new SpamLog(store);
        log.Record("demo", SpamReason.Honeypot, s_t0);
        log.Record("demo", SpamReason.Honeypot, s_t0.AddSeconds(30));
        log.Record("demo", SpamReason.TooFast, s_t0.AddSeconds(10));
        log.Record("demo", SpamReason.Honeypot, s_t0.AddMinutes(2));                       // 00:01 UTC: the next day
        log.Record("pricing", SpamReason.Honeypot, new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.FromHours(2))); // 23:00 UTC on the 1st

        var written = await log.FlushAsync(CancellationToken.None);

        Assert.Equal(4, written);
        Assert.Equal(
            [
                new SpamCount(new DateOnly(2026, 12, 1), "demo", SpamReason.Honeypot, 2, s_t0.AddSeconds(30)),
                new SpamCount(new DateOnly(2026, 12, 1), "demo", SpamReason.TooFast, 1, s_t0.AddSeconds(10)),
                new SpamCount(new DateOnly(2026, 12, 1), "pricing", SpamReason.Honeypot, 1, new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero)),
                new SpamCount(new DateOnly(2026, 12, 2), "demo", SpamReason.Honeypot, 1, s_t0.AddMinutes(2)),
            ],
            store.Added);
        Assert.Equal(0, log.PendingKeys);
        Assert.Equal(0, await log.FlushAsync(CancellationToken.None));   // nothing new: nothing written
        Assert.Equal(4, store.Added.Count);
    }

    [Fact]
    public async Task Record_ParallelFromManyThreads_SumsExactly()
    {
        var store = new FakeSpamCountStore();
        var log = new SpamLog(store);
        string[] forms = ["demo", "pricing", "webinar"];
        string[] reasons = [SpamReason.Honeypot, SpamReason.AddressRateLimit];

        // 8 threads × 25,000 records, 6 keys, with flushes running meanwhile: every record lands in exactly one flush.
        var flushing = Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
                await log.FlushAsync(CancellationToken.None);
        });
        Parallel.For(0, 200_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            log.Record(forms[i % 3], reasons[i % 2], s_t0.AddMinutes(-(i % 60))));
        await flushing;
        await log.FlushAsync(CancellationToken.None);

        Assert.Equal(200_000, store.Added.Sum(c => c.Count));
        var totals = store.Added.GroupBy(c => (c.FormId, c.Reason)).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        Assert.Equal(6, totals.Count);
        Assert.All(totals.Values, total => Assert.Equal(200_000 / 6, total, 1d));   // 33,333 or 33,334 each (i % 6)
        Assert.Equal(0, log.Dropped);
    }

    [Fact]
    public async Task FlushAsync_StoreFails_CountsKeptAndWrittenNextTime()
    {
        var store = new FakeSpamCountStore { FailAfter = 1 };
        var log = new SpamLog(store);
        log.Record("a", SpamReason.Honeypot, s_t0);
        log.Record("b", SpamReason.Honeypot, s_t0);
        log.Record("b", SpamReason.Honeypot, s_t0);
        log.Record("c", SpamReason.Honeypot, s_t0);

        await Assert.ThrowsAsync<IOException>(() => log.FlushAsync(CancellationToken.None));
        log.Record("b", SpamReason.Honeypot, s_t0.AddSeconds(5));   // recorded while the store was down
        store.FailAfter = null;
        var written = await log.FlushAsync(CancellationToken.None);

        // "a" went through before the failure and is not sent again; "b" (failed) and "c" (not tried) are, with the new one.
        Assert.Equal(2, written);
        Assert.Equal(
            [
                new SpamCount(new DateOnly(2026, 12, 1), "a", SpamReason.Honeypot, 1, s_t0),
                new SpamCount(new DateOnly(2026, 12, 1), "b", SpamReason.Honeypot, 3, s_t0.AddSeconds(5)),
                new SpamCount(new DateOnly(2026, 12, 1), "c", SpamReason.Honeypot, 1, s_t0),
            ],
            store.Added);
    }

    [Fact]
    public async Task FlushAsync_Cancelled_CountsKept()
    {
        var store = new FakeSpamCountStore();
        var log = new SpamLog(store);
        log.Record("demo", SpamReason.Honeypot, s_t0);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => log.FlushAsync(new CancellationToken(canceled: true)));

        Assert.Equal(1, log.PendingKeys);
        Assert.Equal(1, await log.FlushAsync(CancellationToken.None));
        Assert.Equal(1, Assert.Single(store.Added).Count);
    }

    [Fact]
    public async Task Record_BeyondKeyLimit_CountedWithoutFormThenDropped()
    {
        var store = new FakeSpamCountStore();
        var log = new SpamLog(store, maxKeys: 2);

        log.Record("bot-1", SpamReason.Honeypot, s_t0);
        log.Record("bot-2", SpamReason.Honeypot, s_t0);
        log.Record("bot-3", SpamReason.Honeypot, s_t0);          // full: counted as "*"
        log.Record("bot-4", SpamReason.Honeypot, s_t0.AddSeconds(1));
        log.Record("bot-1", SpamReason.Honeypot, s_t0);          // a key already pending is still counted on it
        for (var day = 1; day <= SpamLog.MaxOverflowKeys + 10; day++)
            log.Record($"bot-{day}-x", SpamReason.TooFast, s_t0.AddDays(day));   // one "*" key per day, then dropped
        await log.FlushAsync(CancellationToken.None);

        Assert.Equal(2 + 1 + SpamLog.MaxOverflowKeys - 1, store.Added.Count);   // the honeypot "*" key took one overflow slot
        Assert.Equal(2, store.Added.Single(c => c.FormId == "bot-1").Count);
        Assert.Equal(2, store.Added.Single(c => c is { FormId: SpamLog.OtherForms, Reason: SpamReason.Honeypot }).Count);
        Assert.Equal(11, log.Dropped);
    }

    [Fact]
    public async Task Record_OddInput_NeverThrowsAndIsBounded()
    {
        var store = new FakeSpamCountStore();
        var log = new SpamLog(store);

        log.Record(null!, null!, s_t0);
        log.Record(new string('f', 5000), SpamReason.Honeypot, DateTimeOffset.MaxValue);
        log.Record("demo", SpamReason.Honeypot, DateTimeOffset.MinValue);
        await log.FlushAsync(CancellationToken.None);

        Assert.Equal(3, store.Added.Count);
        Assert.Contains(store.Added, c => c is { FormId: "", Reason: "" });
        Assert.Contains(store.Added, c => c.FormId.Length == SpamLog.MaxFormIdLength);
    }

    private sealed class FakeSpamCountStore : ISpamCountStore
    {
        private readonly Lock _lock = new();

        public List<SpamCount> Added { get; } = [];

        // Fails every call once this many counts were added.
        public int? FailAfter { get; set; }

        public Task AddAsync(SpamCount count, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (_lock)
            {
                if (FailAfter is { } limit && Added.Count >= limit)
                    throw new IOException("storage down");
                Added.Add(count);
            }

            return Task.CompletedTask;
        }
    }
}
