using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using LeadIntake.Storage;
using LeadIntake.Storage.Capture;
using LeadIntake.Storage.Leads;
using LeadIntake.Testing;

namespace LeadIntake.Hardening;

/// <summary>A submission the app acknowledged (202 with a receipt; for a 303, the lead id of the posted email and no submission id).</summary>
public sealed record Acknowledged(string LeadId, string? SubmissionId);

/// <summary>Checks "a 202 is a promise" in storage: every acknowledged submission stored and processed exactly once, nothing poisoned.</summary>
/// <remarks>
/// Spam is answered exactly like success and never stored, so acknowledged submissions missing from storage are allowed
/// up to the number the app counted in <c>SpamDaily</c> (a scenario that sends no spam expects none there).
/// </remarks>
public static class StoredLeads
{
    /// <summary>Waits (up to <paramref name="timeout"/>) until every acknowledged submission is processed, then lists what broke.</summary>
    /// <returns>
    /// One sentence per broken promise: acknowledged submissions missing beyond the spam count, a lead whose
    /// <c>SubmissionCount</c> is not its number of distinct acknowledged submissions (a duplicate or a loss), a submission
    /// without its <c>ScoreSnapshots</c> row, a message in any poison queue.
    /// </returns>
    /// <param name="azurite">The storage the app wrote to.</param>
    /// <param name="acknowledged">Every submission the app acknowledged.</param>
    /// <param name="timeout">How long processing may take.</param>
    /// <param name="spamSent">False when none of <paramref name="acknowledged"/> can be spam: then no submission may be missing, whatever SpamDaily holds.</param>
    public static async Task<IReadOnlyList<string>> BrokenPromisesAsync(
        AzuriteFixture azurite, IReadOnlyCollection<Acknowledged> acknowledged, TimeSpan timeout, bool spamSent = true)
    {
        var expected = acknowledged.GroupBy(a => a.LeadId).ToDictionary(g => g.Key, g => g.Select(a => a.SubmissionId).OfType<string>().ToHashSet());
        var tables = azurite.CreateTableServiceClient();
        var clock = Stopwatch.StartNew();
        Dictionary<string, int> stored;
        long spam;
        int missing;
        do
        {
            stored = await SubmissionCountsAsync(tables.GetTableClient(StorageNames.LeadsTable));
            spam = spamSent ? await SpamCountAsync(tables.GetTableClient(StorageNames.SpamDailyTable)) : 0;
            missing = expected.Keys.Count(id => !stored.ContainsKey(id));
            var settled = missing <= spam && expected.All(e => !stored.TryGetValue(e.Key, out var count) || count >= Math.Max(1, e.Value.Count));
            if (settled && await QueueLengthAsync(azurite, StorageNames.LeadCapturedQueue) == 0)
                break;
            await Task.Delay(500);
        }
        while (clock.Elapsed < timeout);

        var broken = new List<string>();
        if (missing > spam)
            broken.Add($"{missing - spam} acknowledged lead(s) not stored after {timeout.TotalSeconds:F0} s ({missing} missing, {spam} counted as spam), e.g. {string.Join(", ", expected.Keys.Where(id => !stored.ContainsKey(id)).Take(3))}");
        foreach (var (leadId, submissions) in expected)
        {
            if (stored.TryGetValue(leadId, out var count) && submissions.Count > 0 && count != submissions.Count)
                broken.Add($"lead {leadId}: SubmissionCount {count} for {submissions.Count} acknowledged submission(s)");
        }

        var snapshots = await SnapshotsAsync(tables.GetTableClient(StorageNames.ScoreSnapshotsTable));
        var unscored = expected.Where(e => stored.ContainsKey(e.Key)).SelectMany(e => e.Value.Select(s => (e.Key, s))).Count(pair => !snapshots.Contains(pair));
        if (unscored > 0)
            broken.Add($"{unscored} stored submission(s) without a ScoreSnapshots row");
        broken.AddRange(await PoisonedAsync(azurite));
        return broken;
    }

    /// <summary>One sentence per poison queue that holds messages, with the first message's start.</summary>
    public static async Task<IReadOnlyList<string>> PoisonedAsync(AzuriteFixture azurite)
    {
        var broken = new List<string>();
        var queues = azurite.CreateQueueServiceClient();
        foreach (var name in StorageNames.Queues.Where(q => q.EndsWith(StorageNames.PoisonQueueSuffix, StringComparison.Ordinal)))
        {
            var queue = queues.GetQueueClient(name);
            if (!await queue.ExistsAsync())
                continue;
            var peeked = (await queue.PeekMessagesAsync(1)).Value;
            if (peeked.Length > 0)
                broken.Add($"{name} holds {(await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount} message(s), e.g. {Shorten(peeked[0].MessageText)}");
        }

        return broken;
    }

    /// <summary>The approximate number of messages on <paramref name="name"/> (0 when it does not exist).</summary>
    public static async Task<int> QueueLengthAsync(AzuriteFixture azurite, string name)
    {
        var queue = azurite.CreateQueueServiceClient().GetQueueClient(name);
        return await queue.ExistsAsync() ? (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount : 0;
    }

    private static async Task<Dictionary<string, int>> SubmissionCountsAsync(TableClient leads)
    {
        var counts = new Dictionary<string, int>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {LeadEntity.ProfileRowKey}");
        await foreach (var row in leads.QueryAsync<LeadEntity>(filter, select: ["PartitionKey", nameof(LeadEntity.SubmissionCount)]))
            counts[row.PartitionKey] = row.SubmissionCount;
        return counts;
    }

    private static async Task<long> SpamCountAsync(TableClient spamDaily)
    {
        try
        {
            long total = 0;
            await foreach (var row in spamDaily.QueryAsync<SpamDailyEntity>(select: [nameof(SpamDailyEntity.Count)]))
                total += row.Count;
            return total;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }
    }

    private static async Task<HashSet<(string LeadId, string SubmissionId)>> SnapshotsAsync(TableClient snapshots)
    {
        var set = new HashSet<(string, string)>();
        await foreach (var row in snapshots.QueryAsync<ScoreSnapshotEntity>(select: ["PartitionKey", nameof(ScoreSnapshotEntity.SubmissionId)]))
            set.Add((row.PartitionKey, row.SubmissionId));
        return set;
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
