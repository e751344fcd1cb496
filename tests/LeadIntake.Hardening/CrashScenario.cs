using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using LeadIntake.Application.Processing;
using LeadIntake.Storage;
using LeadIntake.Storage.Leads;
using LeadIntake.Testing;

namespace LeadIntake.Hardening;

/// <summary>The worker process killed mid-batch, then the whole local host killed and restarted: nothing accepted is lost, nothing is doubled.</summary>
/// <remarks>
/// <para>
/// Posts <see cref="Budget.CrashLeads"/> submissions (one in five a repeat of a recent email, so merges race; half the
/// leads ask to be contacted, which the default policy's <c>asked-for-contact</c> SQL fast track hands over at once) to
/// the app with the signed hand-off webhook pointed at a <see cref="WebhookReceiver"/>. While <c>ProcessLead</c> works
/// through the backlog it kills the worker (the host restarts it), and later kills the host and its worker at once
/// and starts a new host on the same storage.
/// </para>
/// <para>
/// A killed host's received messages stay invisible for its receive lease: 10 minutes in Azure's Functions host, fixed
/// there (azure-webjobs-sdk#1040). The scenario runs the local host with <c>LocalHost__QueueLease</c> =
/// <see cref="QueueLease"/> so those messages come back within the run; only the delay differs from Azure, not what
/// comes back.
/// </para>
/// <para>
/// Checks: every receipt stored and processed exactly once (<see cref="StoredLeads.BrokenPromisesAsync"/>); each lead's
/// <c>StageHistory</c> is a chain of distinct moves (one new-lead row, each row leaving the stage the previous one
/// entered, ending at the lead's stage, no (from, to) move twice: in this scenario no lead can legitimately make one
/// move twice); <c>StageChangesByDay</c> holds exactly one mirror row per history row; every lead that asked to be
/// contacted is handed over with one hand-off id on <c>sales-handoff</c> and the receiver saw that id and no other
/// (repeat deliveries of the same id are at-least-once delivery, counted); no outbox row and no poison message is left.
/// </para>
/// </remarks>
public static class CrashScenario
{
    /// <summary>The local host's receive lease in this scenario (Azure's host: 10 minutes).</summary>
    public static readonly TimeSpan QueueLease = TimeSpan.FromSeconds(10);

    private const int PostConcurrency = 16;
    private const double WorkerKillAt = 0.2;
    private const double HostKillAt = 0.5;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Runs the scenario with <paramref name="budget"/>'s <see cref="Budget.CrashLeads"/>.</summary>
    public static async Task<ScenarioReport> RunAsync(Budget budget)
    {
        var report = new ScenarioReport("crash");
        var webhookSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        await using var receiver = await WebhookReceiver.StartAsync(webhookSecret);
        await using var app = await HardeningApp.StartAsync(settings =>
        {
            settings["Handoff__WebhookUrl"] = receiver.Url.ToString();
            settings["Handoff__WebhookSecret"] = webhookSecret;
            settings["Handoff__WebhookRetryBaseDelay"] = "00:00:01";
            settings["LocalHost__QueueLease"] = QueueLease.ToString("c", CultureInfo.InvariantCulture);
            settings["Logging__LogLevel__Host.Worker"] = "Information"; // "Worker process N started": the pid to kill
        });

        var plan = Plan(budget.CrashLeads, seed: 11);
        var clock = Stopwatch.StartNew();
        var posted = await PostAsync(app.Host.Client, plan, report);
        var acknowledged = posted.Select(p => p.Receipt).ToList();
        report.Figure("submissions posted (202)", $"{acknowledged.Count} of {plan.Count} ({plan.Select(p => p.Email).Distinct().Count()} leads, {plan.Count - plan.Select(p => p.Email).Distinct().Count()} repeat submissions)")
            .Figure("posting time", $"{clock.Elapsed.TotalSeconds:F1} s");

        // The worker, mid-batch.
        var captured = (await WaitProcessedAsync(app, acknowledged.Count, (int)(acknowledged.Count * WorkerKillAt))).Processed;
        var remaining = acknowledged.Count - captured;
        if (remaining == 0)
            report.Break("the worker kill came after every submission was processed: no mid-batch crash was tested");
        var killedAt = clock.Elapsed;
        var killedPid = app.Host.KillWorker();
        report.Figure("processed before the worker kill", $"{captured} ({remaining} on the queue)");
        await WaitAsync(() => Task.FromResult(app.Host.WorkerProcessId != killedPid), "a new worker", app);
        await FirstProcessedAsync(app, await RemainingAsync(app));
        report.Figure("worker kill → first message processed by the new worker", $"{(clock.Elapsed - killedAt).TotalSeconds:F1} s");

        // The host and its worker, mid-batch.
        var beforeHostKill = (await WaitProcessedAsync(app, acknowledged.Count, Math.Max(captured + 1, (int)(acknowledged.Count * HostKillAt)))).Processed;
        var hostKilledAt = clock.Elapsed;
        app.Host.Kill();
        var left = await RemainingAsync(app);
        if (left == 0)
            report.Break("the host kill came after every submission was processed: no mid-batch host crash was tested");
        report.Figure("processed before the host kill", $"{acknowledged.Count - left} ({left} on the queue)");
        await app.KillAndRestartHostAsync();
        var hostStarted = clock.Elapsed;
        await FirstProcessedAsync(app, left);
        report.Figure("host kill → new host running", $"{(hostStarted - hostKilledAt).TotalSeconds:F1} s")
            .Figure("host kill → first message processed by the new host", $"{(clock.Elapsed - hostKilledAt).TotalSeconds:F1} s");

        // Everything back: the dead host's leased messages reappear after QueueLease.
        var drainTimeout = TimeSpan.FromSeconds(budget.CrashLeads / 2.0) + QueueLease + StepTimeout;
        report.Break(await StoredLeads.BrokenPromisesAsync(app.Azurite, acknowledged, drainTimeout));
        report.Figure("drain time (first POST → every submission processed)", $"{clock.Elapsed.TotalSeconds:F1} s");

        var expectedHandoffs = posted.GroupBy(p => p.Receipt.LeadId).Where(g => g.Any(p => p.Submission.ContactRequested)).Select(g => g.Key).ToHashSet();
        await WaitHandoffsAsync(app, receiver, expectedHandoffs.Count);
        await CheckHistoryAsync(app.Azurite, posted, report);
        await CheckHandoffsAsync(app.Azurite, receiver, posted, expectedHandoffs, report);
        var poisoned = await StoredLeads.PoisonedAsync(app.Azurite);
        report.Break(poisoned.Where(p => !report.Broken.Contains(p)));
        report.Figure("poison messages", $"{await PoisonCountAsync(app.Azurite)}");
        return report;
    }

    /// <summary>One planned form post; a repeat names the index of the post it repeats (posted only once that one was answered).</summary>
    private sealed record Submission(string Email, bool ContactRequested, string JobTitle, string Company, int? Repeats = null);

    /// <summary>A submission and the receipt its 202 carried.</summary>
    private sealed record Posted(Submission Submission, Acknowledged Receipt);

    /// <summary>
    /// <paramref name="count"/> posts: every fifth repeats one of the four emails before it (asking for contact, so a lead
    /// that did not ask first is handed over by its second submission), the rest are new leads, every other one asking
    /// for contact. A repeat is posted after its original was answered, so it is the newer submission and its "yes" is
    /// the lead's answer (the newest explicit answer wins the merge, whatever order ProcessLead sees them in). Corporate addresses and job titles; no student or competitor domain (the policy would disqualify).
    /// </summary>
    private static List<Submission> Plan(int count, int seed)
    {
        var random = new Random(seed);
        var run = Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        string[] titles = ["VP Sales", "Chief Executive Officer", "Marketing Manager", "Head of Operations"];
        var plan = new List<Submission>(count);
        for (var i = 0; i < count; i++)
        {
            if (i % 5 == 4)
            {
                var original = i - 1 - random.Next(4);
                plan.Add(plan[original] with { ContactRequested = true, Repeats = original });
                continue;
            }

            plan.Add(new Submission($"crash{i}.{run}@fabrikam{i % 7}.example.com", i % 2 == 0, titles[random.Next(titles.Length)], $"Fabrikam {i % 7}"));
        }

        return plan;
    }

    private static async Task<List<Posted>> PostAsync(HttpClient client, IReadOnlyList<Submission> plan, ScenarioReport report)
    {
        var posted = new Posted?[plan.Count];
        var answered = plan.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var statuses = new Dictionary<string, int>();
        var next = -1;
        async Task PostOneAsync()
        {
            for (var i = Interlocked.Increment(ref next); i < plan.Count; i = Interlocked.Increment(ref next))
            {
                var submission = plan[i];
                if (submission.Repeats is { } original)
                    await answered[original].Task; // taken by another poster already (lower index): no deadlock
                string status;
                try
                {
                    using var response = await client.PostAsJsonAsync("api/leads", new
                    {
                        email = submission.Email,
                        firstName = "Crash",
                        lastName = $"Test {i}",
                        company = submission.Company,
                        jobTitle = submission.JobTitle,
                        contactRequested = submission.ContactRequested,
                        utm_source = "google",
                        utm_medium = "cpc",
                    });
                    status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
                        posted[i] = new Posted(submission, new Acknowledged(receipt.GetProperty("leadId").GetString()!, receipt.GetProperty("submissionId").GetString()!));
                    }
                }
                catch (HttpRequestException exception)
                {
                    status = $"no answer ({exception.HttpRequestError})";
                }
                finally
                {
                    answered[i].SetResult();
                }

                lock (statuses)
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, PostConcurrency).Select(_ => PostOneAsync()));
        report.Figure("POST statuses", string.Join(", ", statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} × {s.Value}")));
        // Nothing is killed while posting: every post must be accepted.
        foreach (var (status, times) in statuses.Where(s => s.Key != "202"))
            report.Break($"{times} post(s) answered {status} before any fault");
        return [.. posted.OfType<Posted>()];
    }

    /// <summary>Submissions no longer on <c>lead-captured</c> (processed and deleted), polled until at least <paramref name="atLeast"/>.</summary>
    private static async Task<(int Processed, int Remaining)> WaitProcessedAsync(HardeningApp app, int total, int atLeast)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var remaining = await RemainingAsync(app);
            if (total - remaining >= atLeast || remaining == 0 || clock.Elapsed > StepTimeout)
                return (total - remaining, remaining);
            await Task.Delay(Poll);
        }
    }

    /// <summary>Polls until <c>lead-captured</c> is shorter than <paramref name="baseline"/>: a message was processed and deleted.</summary>
    private static async Task FirstProcessedAsync(HardeningApp app, int baseline)
    {
        var clock = Stopwatch.StartNew();
        while (baseline > 0 && await RemainingAsync(app) >= baseline && clock.Elapsed < StepTimeout)
            await Task.Delay(Poll);
    }

    private static Task<int> RemainingAsync(HardeningApp app) => StoredLeads.QueueLengthAsync(app.Azurite, StorageNames.LeadCapturedQueue);

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, HardeningApp app)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                    return;
            }
            catch (InvalidOperationException) when (clock.Elapsed < StepTimeout)
            {
                // No worker yet.
            }

            if (clock.Elapsed > StepTimeout)
                throw new TimeoutException($"{what} did not appear within {StepTimeout.TotalSeconds} s.{Environment.NewLine}{app.Host.Output}");
            await Task.Delay(Poll);
        }
    }

    /// <summary>Waits until <c>handoff-webhook</c> is empty and the receiver has seen <paramref name="expected"/> distinct hand-offs (or the step times out; the checks then say what is missing).</summary>
    private static async Task WaitHandoffsAsync(HardeningApp app, WebhookReceiver receiver, int expected)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StepTimeout)
        {
            var seen = receiver.Received.Select(r => r.Delivery).Distinct().Count();
            if (seen >= expected && await StoredLeads.QueueLengthAsync(app.Azurite, StorageNames.HandoffWebhookQueue) == 0)
                return;
            await Task.Delay(500);
        }
    }

    private static async Task CheckHistoryAsync(AzuriteFixture azurite, IReadOnlyList<Posted> posted, ScenarioReport report)
    {
        var tables = azurite.CreateTableServiceClient();
        var history = new List<StageHistoryEntity>();
        await foreach (var row in tables.GetTableClient(StorageNames.StageHistoryTable).QueryAsync<StageHistoryEntity>())
            history.Add(row);
        var byDay = new List<StageChangeByDayEntity>();
        await foreach (var row in tables.GetTableClient(StorageNames.StageChangesByDayTable).QueryAsync<StageChangeByDayEntity>())
            byDay.Add(row);
        var stages = new Dictionary<string, string>();
        var profiles = new Dictionary<string, string>();
        await foreach (var row in tables.GetTableClient(StorageNames.LeadsTable).QueryAsync<LeadEntity>(
            TableClient.CreateQueryFilter($"RowKey eq {LeadEntity.ProfileRowKey}"),
            select: ["PartitionKey", nameof(LeadEntity.Stage), nameof(LeadEntity.ContactRequested), nameof(LeadEntity.SubmissionCount), nameof(LeadEntity.FieldUpdatedAt)]))
        {
            stages[row.PartitionKey] = row.Stage;
            profiles[row.PartitionKey] = $"contact requested {row.ContactRequested}, {row.SubmissionCount} submission(s), fields updated {row.FieldUpdatedAt}";
        }

        var leads = posted.Select(p => p.Receipt.LeadId).ToHashSet();
        var contact = posted.Where(p => p.Submission.ContactRequested).Select(p => p.Receipt.SubmissionId).OfType<string>().ToHashSet();
        var rowsByLead = history.Where(r => leads.Contains(r.PartitionKey)).GroupBy(r => r.PartitionKey).ToDictionary(g => g.Key, g => g.OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList());
        var broken = new List<string>();
        foreach (var lead in leads.Where(stages.ContainsKey))
        {
            var rows = rowsByLead.GetValueOrDefault(lead) ?? [];
            var moves = string.Join(" | ", rows.Select(r => $"{Code(r.FromStage)}→{r.ToStage} ({r.Cause}{(contact.Contains(r.Cause) ? ", asked for contact" : "")})"));
            foreach (var twice in rows.GroupBy(r => (r.FromStage, r.ToStage)).Where(g => g.Count() > 1))
                broken.Add($"lead {lead}: move {Code(twice.Key.FromStage)}→{twice.Key.ToStage} recorded {twice.Count()} times: {moves}");
            if (!IsChain(rows, stages[lead]))
                broken.Add($"lead {lead} (stage {stages[lead]}; {profiles[lead]}): history is not one chain of moves from a new lead to its stage: {(moves.Length == 0 ? "no rows" : moves)}");
        }

        // StageChangesByDay mirrors StageHistory one to one: RowKey {lead id}_{history RowKey}, PartitionKey the change's UTC day.
        var mirrors = byDay.Where(r => leads.Contains(r.LeadId)).ToLookup(r => r.RowKey, StringComparer.Ordinal);
        var ours = history.Where(r => leads.Contains(r.PartitionKey)).ToList();
        var unmirrored = 0;
        foreach (var row in ours)
        {
            var mirror = mirrors[$"{row.PartitionKey}_{row.RowKey}"].ToList();
            if (mirror.Count != 1 || mirror[0].PartitionKey != row.At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                || mirror[0].FromStage != row.FromStage || mirror[0].ToStage != row.ToStage || mirror[0].At != row.At)
                unmirrored++;
        }

        var historyKeys = ours.Select(r => $"{r.PartitionKey}_{r.RowKey}").ToHashSet(StringComparer.Ordinal);
        var orphans = byDay.Where(r => leads.Contains(r.LeadId) && !historyKeys.Contains(r.RowKey)).ToList();
        if (unmirrored > 0)
            broken.Add($"{unmirrored} StageHistory row(s) without exactly one matching StageChangesByDay row");
        if (orphans.Count > 0)
            broken.Add($"{orphans.Count} StageChangesByDay row(s) without their StageHistory row: "
                + string.Join(", ", orphans.Take(5).Select(r => $"{r.RowKey} ({Code(r.FromStage)}→{r.ToStage})")));

        report.Figure("StageHistory rows", $"{ours.Count} for {rowsByLead.Count} leads ({string.Join(", ", ours.GroupBy(r => $"{Code(r.FromStage)}→{r.ToStage}").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} × {g.Count()}"))})")
            .Figure("StageChangesByDay rows", $"{byDay.Count(r => leads.Contains(r.LeadId))}");
        Report(report, broken);
    }

    private static async Task CheckHandoffsAsync(
        AzuriteFixture azurite, WebhookReceiver receiver, IReadOnlyList<Posted> posted, IReadOnlySet<string> expected, ScenarioReport report)
    {
        var tables = azurite.CreateTableServiceClient();
        var handedOff = new HashSet<string>();
        var outbox = new List<string>();
        await foreach (var row in tables.GetTableClient(StorageNames.LeadsTable).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", nameof(LeadEntity.HandedOffAt)]))
        {
            if (row.RowKey.StartsWith(SalesHandoffOutboxEntity.RowKeyPrefix, StringComparison.Ordinal))
                outbox.Add($"{row.PartitionKey}/{row.RowKey}");
            else if (row.RowKey == LeadEntity.ProfileRowKey && row.GetDateTimeOffset(nameof(LeadEntity.HandedOffAt)) is not null)
                handedOff.Add(row.PartitionKey);
        }

        var messages = (await azurite.DrainAsync(StorageNames.SalesHandoffQueue)).Select(SalesHandoffMessage.Parse).ToList();
        var deliveries = receiver.Received.ToList();
        var delivered = deliveries.Select(d => (Delivery: d, Message: SalesHandoffMessage.Parse(d.Body))).ToList();
        var submissions = posted.GroupBy(p => p.Receipt.LeadId).ToDictionary(g => g.Key, g => g.Select(p => p.Receipt.SubmissionId).ToHashSet());
        var broken = new List<string>();
        foreach (var lead in submissions.Keys)
        {
            var ids = messages.Where(m => m.LeadId == lead).Select(m => m.HandoffId).Distinct().ToList();
            var seen = delivered.Where(d => d.Message.LeadId == lead).Select(d => d.Delivery.Delivery ?? "").Distinct().ToList();
            var wanted = expected.Contains(lead);
            if (wanted != handedOff.Contains(lead))
                broken.Add($"lead {lead}: {(wanted ? "asked to be contacted but is not handed over" : "handed over without asking to be contacted")}");
            if (ids.Count != (wanted ? 1 : 0))
                broken.Add($"lead {lead}: {ids.Count} hand-off id(s) on sales-handoff ({string.Join(", ", ids)}), expected {(wanted ? 1 : 0)}");
            if (seen.Count != ids.Count || !seen.All(ids.Contains))
                broken.Add($"lead {lead}: the webhook receiver saw hand-off id(s) [{string.Join(", ", seen)}], sales-handoff holds [{string.Join(", ", ids)}]");
            foreach (var message in messages.Where(m => m.LeadId == lead && !submissions[lead].Contains(m.CauseId)))
                broken.Add($"lead {lead}: hand-off {message.HandoffId} is caused by {message.CauseId}, not one of the lead's acknowledged submissions");
        }

        var unsigned = deliveries.Count(d => !d.SignatureValid);
        if (unsigned > 0)
            broken.Add($"{unsigned} webhook delivery(ies) whose signature did not verify");
        if (outbox.Count > 0)
            broken.Add($"{outbox.Count} hand-off outbox row(s) left unsent, e.g. {string.Join(", ", outbox.Take(3))}");

        var distinctMessages = messages.Select(m => m.HandoffId).Distinct().Count();
        var distinctDeliveries = deliveries.Select(d => d.Delivery).Distinct().Count();
        report.Figure("hand-offs expected", $"{expected.Count}")
            .Figure("sales-handoff messages", $"{messages.Count} ({distinctMessages} distinct ids, {messages.Count - distinctMessages} resent)")
            .Figure("webhook deliveries seen", $"{deliveries.Count} ({distinctDeliveries} distinct ids)")
            .Figure("duplicate webhook deliveries (same id, allowed)", $"{deliveries.Count - distinctDeliveries}")
            .Figure("outbox rows left", $"{outbox.Count}");
        Report(report, broken);
    }

    private static async Task<int> PoisonCountAsync(AzuriteFixture azurite)
    {
        var total = 0;
        foreach (var queue in StorageNames.Queues.Where(q => q.EndsWith(StorageNames.PoisonQueueSuffix, StringComparison.Ordinal)))
            total += await StoredLeads.QueueLengthAsync(azurite, queue);
        return total;
    }

    // Hundreds of sentences help nobody: the first ten, then how many more.
    private static void Report(ScenarioReport report, List<string> broken)
    {
        report.Break(broken.Take(10));
        if (broken.Count > 10)
            report.Break($"… and {broken.Count - 10} more of the above");
    }

    /// <summary>
    /// Whether <paramref name="rows"/> are one chain: from a new lead, each move leaving the stage the previous one entered,
    /// never earlier than it, ending at <paramref name="stage"/>. Moves at the same instant (an older submission processed
    /// late is recorded at the time the lead entered its stage) are linked by stage, not by RowKey order.
    /// </summary>
    private static bool IsChain(IReadOnlyList<StageHistoryEntity> rows, string stage)
    {
        var left = rows.ToList();
        var (at, current) = (DateTimeOffset.MinValue, "");
        while (left.Count > 0)
        {
            var next = left.Where(r => r.FromStage == current && r.At >= at).OrderBy(r => r.At).FirstOrDefault();
            if (next is null)
                return false;
            left.Remove(next);
            (at, current) = (next.At, next.ToStage);
        }

        return rows.Count > 0 && current == stage;
    }

    private static string Code(string stage) => stage.Length == 0 ? "(new)" : stage;
}
