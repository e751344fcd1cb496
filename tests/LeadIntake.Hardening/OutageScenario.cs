using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadIntake.Domain.Capture;
using LeadIntake.Storage;
using LeadIntake.Testing;

namespace LeadIntake.Hardening;

/// <summary>Storage unreachable mid-load for <see cref="Budget.Outage"/>: only 503 + Retry-After while down, capture recovers by itself, every 202 stored exactly once.</summary>
/// <remarks>
/// <para>
/// The app reaches Azurite through a <see cref="StorageProxy"/>; the suite reads Azurite directly. Sixteen clients post
/// JSON leads (a new email each, each with an <c>Idempotency-Key</c>) without pause for three phases of
/// <see cref="Budget.Outage"/>: before, during (<see cref="StorageProxy.Cut"/>: new connections refused, live ones reset)
/// and after (<see cref="StorageProxy.Restore"/>). A request belongs to the phase it was sent in. Then every lead answered
/// 503 is posted once more with its key, as a visitor's page does after Retry-After; a 503 whose message did reach the
/// queue (its answer was lost) must then not become a second submission.
/// </para>
/// <para>
/// Why a proxy and not SIGSTOP on the emulator: a paused process still completes TCP handshakes from the kernel's backlog
/// and leaves requests hanging until a timeout, which tests the SDK's network timeout rather than an outage; refused and
/// reset connections are what a client sees when a storage front end, a route or DNS goes away. Killing Azurite is not an
/// option: it keeps its data in memory.
/// </para>
/// <para>
/// Broken promises: any answer but 202 or 503 (and no 5xx but 503), a 503 without <c>Retry-After</c> or not problem+json
/// or with a stack trace, anything but 503 to a request sent and answered while down, no 202 within
/// <see cref="RecoveryBound"/> of Restore or a 503 to a request sent after the first 202 following it, an answer slower
/// than <see cref="HangBound"/> or none at all, a receipt that is not the lead's and key's, and anything
/// <see cref="StoredLeads.BrokenPromisesAsync"/> finds (lost, duplicated, unprocessed or poisoned).
/// </para>
/// </remarks>
public static class OutageScenario
{
    /// <summary>Concurrent posting clients.</summary>
    public const int Clients = 16;

    /// <summary>
    /// The slowest acceptable answer: capture's storage clients give up after 3 retries backing off 100 ms to 1 s with a
    /// 10 s network timeout per try, so even a storage that swallows packets is answered within about 12 s; 30 s leaves
    /// room for a busy 2-core box, and a visitor's page has given up long before.
    /// </summary>
    public static readonly TimeSpan HangBound = TimeSpan.FromSeconds(30);

    /// <summary>The longest acceptable time from Restore to the first 202 (one capture's retry budget, many times over).</summary>
    public static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan StoredTimeout = TimeSpan.FromMinutes(3);

    // Between one client's answer and its next post.
    private static readonly TimeSpan ThinkTime = TimeSpan.FromMilliseconds(100);

    private static readonly Dictionary<Phase, string> PhaseLabels = new()
    {
        [Phase.Before] = "requests sent before the cut",
        [Phase.During] = "requests sent during the outage",
        [Phase.After] = "requests sent after Restore",
        [Phase.Repost] = "503'd leads posted again with their key",
    };

    private enum Phase
    {
        Before,
        During,
        After,
        Repost,
    }

    /// <summary>Runs the scenario with <paramref name="budget"/>'s outage length.</summary>
    public static async Task<ScenarioReport> RunAsync(Budget budget)
    {
        var report = new ScenarioReport("outage");
        StorageProxy? proxy = null;
        await using var app = await HardeningApp.StartAsync(settings =>
        {
            proxy = StorageProxy.Start(settings[StorageNames.Connection]);
            settings[StorageNames.Connection] = proxy.ConnectionString;
        });
        await using var storage = proxy!;
        using var client = new HttpClient { BaseAddress = app.Host.BaseAddress, Timeout = HangBound };

        var clock = Stopwatch.StartNew();
        var results = new List<Posted>();
        // Warm-up, one lead per client and checked like the rest: the first requests of a fresh worker are slow (JIT,
        // connections), and the phase before the cut is meant to be load, not start-up.
        results.AddRange(await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => PostAsync(client, clock, Phase.Before, NewEmail(), NewKey()))));
        using var stop = new CancellationTokenSource();
        var phase = (int)Phase.Before;
        var posters = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            var mine = new List<Posted>();
            while (!stop.IsCancellationRequested)
            {
                mine.Add(await PostAsync(client, clock, (Phase)Volatile.Read(ref phase), NewEmail(), NewKey()));
                await Task.Delay(ThinkTime); // visitors, not a flood: the load scenario measures capture's ceiling
            }

            return mine;
        })).ToList();

        await Task.Delay(budget.Outage);
        var backlogAtCut = await StoredLeads.QueueLengthAsync(app.Azurite, StorageNames.LeadCapturedQueue);
        var failuresBeforeCut = ProcessLeadFailures(app.Host.Output);
        storage.Cut();
        var cutAt = clock.Elapsed;
        Volatile.Write(ref phase, (int)Phase.During);

        await Task.Delay(budget.Outage);
        storage.Restore();
        var restoredAt = clock.Elapsed;
        Volatile.Write(ref phase, (int)Phase.After);
        var failuresDuringOutage = ProcessLeadFailures(app.Host.Output) - failuresBeforeCut;

        await Task.Delay(budget.Outage);
        await stop.CancelAsync();
        foreach (var poster in posters)
            results.AddRange(await poster);

        // A visitor's page posts a 503'd lead again with the same key once Retry-After has passed.
        var reposts = new List<Posted>();
        foreach (var unavailable in results.Where(r => r.Status == HttpStatusCode.ServiceUnavailable).Chunk(Clients))
            reposts.AddRange(await Task.WhenAll(unavailable.Select(r => PostAsync(client, clock, Phase.Repost, r.Email, r.IdempotencyKey))));
        results.AddRange(reposts);

        foreach (var group in results.GroupBy(r => r.Phase).OrderBy(g => g.Key))
            report.Figure(PhaseLabels[group.Key], Statuses(group));
        report.Figure("outage", $"{(restoredAt - cutAt).TotalSeconds:F1} s (new connections refused, live ones reset)");
        report.Figure("lead-captured backlog at the cut", $"{backlogAtCut} messages");
        report.Figure("ProcessLead invocations failed during the outage", $"{failuresDuringOutage} (retried)");

        CheckAnswers(report, results);
        CheckWhileDown(report, results, cutAt, restoredAt);
        CheckRecovery(report, results, restoredAt);

        var acknowledged = new List<Acknowledged>();
        foreach (var accepted in results.Where(r => r.Status == HttpStatusCode.Accepted))
        {
            if (accepted.Receipt is { } receipt)
                acknowledged.Add(receipt);
        }

        var drain = Stopwatch.StartNew();
        var broken = await StoredLeads.BrokenPromisesAsync(app.Azurite, acknowledged, StoredTimeout);
        var leads = acknowledged.Select(a => a.LeadId).Distinct().Count();
        report.Figure("acknowledged leads stored exactly once", broken.Count == 0
            ? $"{leads} of {leads} (processed {drain.Elapsed.TotalSeconds:F0} s after the last post)"
            : $"NOT all of {leads}: see the broken promises");
        report.Figure("poison messages", $"{(await StoredLeads.PoisonedAsync(app.Azurite)).Count} poison queue(s) with messages");
        report.Break(broken);
        return report;
    }

    private static async Task<Posted> PostAsync(HttpClient client, Stopwatch clock, Phase phase, string email, string idempotencyKey)
    {
        var sentAt = clock.Elapsed;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/leads") { Content = JsonContent.Create(new { email, firstName = "Outage", company = "Hardening" }) };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var answeredAt = clock.Elapsed;
            Acknowledged? receipt = null;
            string? problem = null;
            if (response.StatusCode == HttpStatusCode.Accepted)
                receipt = Receipt(body, email, idempotencyKey, out problem);
            else if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                problem = UnavailableProblem(response, body);
            else
                problem = $"{(int)response.StatusCode}: {Shorten(body)}";
            return new Posted(phase, email, idempotencyKey, sentAt, answeredAt, response.StatusCode, receipt, problem)
            {
                RetryAfter = response.Headers.RetryAfter?.Delta is { } delta ? $"{delta.TotalSeconds:F0} s" : "",
            };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // TaskCanceledException is HttpClient's timeout: no answer within HangBound is a hang.
            return new Posted(phase, email, idempotencyKey, sentAt, clock.Elapsed, null, null, $"no answer: {e.GetType().Name}: {e.Message}");
        }
    }

    // The receipt must be the lead's (the app's identity of this email) and this key's submission.
    private static Acknowledged? Receipt(string body, string email, string idempotencyKey, out string? problem)
    {
        problem = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            var leadId = json.RootElement.GetProperty("leadId").GetString();
            var submissionId = json.RootElement.GetProperty("submissionId").GetString();
            var expectedLead = HardeningApp.Identity.LeadIdFor(LeadIdentity.IdentityFormOf(email));
            if (leadId != expectedLead || submissionId != HardeningApp.Identity.SubmissionIdFor(expectedLead, idempotencyKey))
            {
                problem = $"202 with receipt {Shorten(body)}, not lead {expectedLead}'s submission for its key";
                return null;
            }

            return new Acknowledged(leadId, submissionId);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            problem = $"202 without a receipt: {Shorten(body)}";
            return null;
        }
    }

    private static string? UnavailableProblem(HttpResponseMessage response, string body)
    {
        if (response.Headers.RetryAfter is null)
            return "503 without Retry-After";
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"503 as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not problem+json";
        if (body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal))
            return $"503 with a stack trace or exception: {Shorten(body)}";
        return null;
    }

    private static void CheckAnswers(ScenarioReport report, List<Posted> results)
    {
        var other5xx = results.Count(r => r.Status is { } status && (int)status >= 500 && status != HttpStatusCode.ServiceUnavailable);
        var without = results.Count(r => r.Status == HttpStatusCode.ServiceUnavailable && r.Problem == "503 without Retry-After");
        var retryAfter = results.Where(r => r.Status == HttpStatusCode.ServiceUnavailable && r.Problem is null).Select(r => r.RetryAfter).Distinct();
        report.Figure("5xx other than 503", $"{other5xx}");
        report.Figure("503s without Retry-After", $"{without} (Retry-After: {string.Join(", ", retryAfter)})");
        var slowest = results.MaxBy(r => r.Duration);
        report.Figure("slowest answer", $"{slowest?.Duration.TotalSeconds ?? 0:F2} s ({slowest?.Phase.ToString().ToLowerInvariant()}, {slowest?.StatusText}; bound {HangBound.TotalSeconds:F0} s)");
        foreach (var group in results.Where(r => r.Problem is not null).GroupBy(r => r.Problem![..Math.Min(r.Problem!.Length, 40)]))
            report.Break($"{group.Count()} request(s) ({string.Join(", ", group.Select(r => r.Phase).Distinct())}): {group.First().Problem}");
        foreach (var slow in results.Where(r => r.Status is not null && r.Duration > HangBound).Take(3))
            report.Break($"a {slow.Phase} request took {slow.Duration.TotalSeconds:F1} s (bound {HangBound.TotalSeconds:F0} s)");
    }

    private static void CheckWhileDown(ScenarioReport report, List<Posted> results, TimeSpan cutAt, TimeSpan restoredAt)
    {
        var down = results.Where(r => r.SentAt >= cutAt && r.AnsweredAt < restoredAt).ToList();
        var slowest = down.Count == 0 ? TimeSpan.Zero : down.Max(r => r.Duration);
        report.Figure("slowest answer during the outage", $"{slowest.TotalSeconds:F2} s (of {down.Count} sent and answered while down)");
        if (down.Count == 0)
            report.Break("no request was sent and answered while storage was down: the outage was not exercised");
        foreach (var group in down.Where(r => r.Status != HttpStatusCode.ServiceUnavailable).GroupBy(r => r.StatusText))
            report.Break($"{group.Count()} request(s) sent and answered while storage was down got {group.Key}, not 503");
    }

    private static void CheckRecovery(ScenarioReport report, List<Posted> results, TimeSpan restoredAt)
    {
        var firstAccepted = results.Where(r => r.Phase != Phase.Repost && r.Status == HttpStatusCode.Accepted && r.AnsweredAt >= restoredAt).MinBy(r => r.AnsweredAt);
        if (firstAccepted is null)
        {
            report.Figure("Restore → first 202", "never");
            report.Break("capture did not recover: no 202 after storage came back");
            return;
        }

        var recovery = firstAccepted.AnsweredAt - restoredAt;
        report.Figure("Restore → first 202", $"{recovery.TotalSeconds:F2} s");
        if (recovery > RecoveryBound)
            report.Break($"capture took {recovery.TotalSeconds:F1} s after Restore to answer 202 (bound {RecoveryBound.TotalSeconds:F0} s)");
        var relapsed = results.Count(r => r.SentAt > firstAccepted.AnsweredAt && r.Status != HttpStatusCode.Accepted);
        if (relapsed > 0)
            report.Break($"{relapsed} request(s) sent after capture recovered were not answered 202");
    }

    private static string Statuses(IEnumerable<Posted> results) =>
        string.Join(" · ", new[]
        {
            $"{results.Count()} sent",
            $"202: {results.Count(r => r.Status == HttpStatusCode.Accepted)}",
            $"503: {results.Count(r => r.Status == HttpStatusCode.ServiceUnavailable)}",
            $"other: {results.Count(r => r.Status is not (HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable))}",
        });

    // The local host logs every failed invocation (the worker's exception reached it, so the message will be retried).
    private static int ProcessLeadFailures(string output)
    {
        var marker = "Executed 'Functions.ProcessLead' (Failed";
        var count = 0;
        for (var at = output.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = output.IndexOf(marker, at + marker.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    private static string NewEmail() => $"outage-{Guid.NewGuid():N}@example.com";

    private static string NewKey() => Guid.NewGuid().ToString("N");

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";

    private sealed record Posted(Phase Phase, string Email, string IdempotencyKey, TimeSpan SentAt, TimeSpan AnsweredAt, HttpStatusCode? Status, Acknowledged? Receipt, string? Problem)
    {
        public TimeSpan Duration => AnsweredAt - SentAt;

        public string RetryAfter { get; init; } = "";

        public string StatusText => Status is { } status ? $"{(int)status}" : "no answer";
    }
}
