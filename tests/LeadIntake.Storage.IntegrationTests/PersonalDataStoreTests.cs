using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;
using LeadIntake.Application.Activities;
using LeadIntake.Application.PersonalData;
using LeadIntake.Application.Policy;
using LeadIntake.Application.Processing;
using LeadIntake.Application.Sla;
using LeadIntake.Domain.Activities;
using LeadIntake.Domain.Capture;
using LeadIntake.Storage.Leads;
using LeadIntake.Storage.PersonalData;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LeadIntake.Storage.IntegrationTests;

/// <summary>
/// Erasure and access (<see cref="TablePersonalDataStore"/>) against Azurite: two leads seeded through the app's own write
/// paths (ProcessLead with a failed hand-off send, so the outbox row stays; the SLA clock's breach; dead letters), one
/// erased, then every row of every table in the account read back.
/// </summary>
public sealed class PersonalDataStoreTests(StorageFixture fixture, ITestOutputHelper output) : IClassFixture<StorageFixture>
{
    // Every table a lead's rows sit in once it was handed off, its hand-off send failed and it breached its first response.
    private static readonly string[] s_leadTables =
    [
        StorageNames.LeadsTable, StorageNames.StageHistoryTable, StorageNames.StageChangesByDayTable, StorageNames.ScoreSnapshotsTable,
        StorageNames.LeadActivitiesTable, StorageNames.DeadlinesTable, StorageNames.SlaBreachesTable, StorageNames.SalesCyclesTable,
    ];

    private T Get<T>() where T : notnull => fixture.Services.GetRequiredService<T>();

    private IPersonalDataStore Store => Get<IPersonalDataStore>();

    [Fact]
    public async Task EraseAsync_LeadInEveryTable_NoRowOrDeadLetterNamesItAndTheOtherLeadIsUntouched()
    {
        var (erased, other) = await SeedTwoLeadsAsync("erase");
        var before = await EveryRowAsync();
        var erasedRows = before.Where(r => Names(r.Row, erased)).ToList();
        var otherRows = before.Where(r => Names(r.Row, other)).Select(Identity).ToList();
        Assert.Equal(s_leadTables.Order(StringComparer.Ordinal), erasedRows.Select(r => r.Table).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(2, erasedRows.Count(r => r.Table == StorageNames.LeadsTable)); // the profile row and the hand-off outbox row

        var deleted = await Store.EraseAsync(erased, CancellationToken.None);

        // Every table is answered, each count the rows that named the lead; aggregate tables held none.
        Assert.Equal(StorageNames.Tables, deleted.Rows.Keys);
        foreach (var table in StorageNames.Tables)
            Assert.True(erasedRows.Count(r => r.Table == table) == deleted.Rows[table], $"{table}: deleted {deleted.Rows[table]}");
        Assert.Equal(new Dictionary<string, int>
        {
            [StorageNames.PoisonQueueFor(StorageNames.LeadCapturedQueue)] = 1,
            [StorageNames.PoisonQueueFor(StorageNames.HandoffWebhookQueue)] = 0,
            [StorageNames.PoisonQueueFor(StorageNames.LeadActivityQueue)] = 1,
        }, deleted.Messages);
        var after = await EveryRowAsync();
        Assert.DoesNotContain(after, r => Names(r.Row, erased));
        Assert.Equal(otherRows, after.Where(r => Names(r.Row, other)).Select(Identity));
        // The other lead's dead letter was made visible again at once, unchanged.
        var left = await fixture.DrainAsync(StorageNames.PoisonQueueFor(StorageNames.LeadCapturedQueue));
        Assert.Contains(other.LeadId, Assert.Single(left), StringComparison.Ordinal);
        Assert.Empty(await fixture.DrainAsync(StorageNames.PoisonQueueFor(StorageNames.LeadActivityQueue)));

        var again = await Store.EraseAsync(erased, CancellationToken.None);
        Assert.All(again.Rows.Values, n => Assert.Equal(0, n));
        Assert.All(again.Messages.Values, n => Assert.Equal(0, n));
    }

    [Fact]
    public async Task ReadAsync_SeededLead_EveryRowAsStoredWithKeysAndTimestampAndItsDeadLetters()
    {
        var (person, other) = await SeedTwoLeadsAsync("access");
        var expected = (await EveryRowAsync()).Where(r => Names(r.Row, person)).ToList();

        var records = await Store.ReadAsync(person, CancellationToken.None);

        Assert.Equal(StorageNames.Tables, records.Tables.Keys);
        foreach (var table in StorageNames.Tables)
        {
            var stored = expected.Where(r => r.Table == table).Select(r => r.Row).ToList();
            var read = records.Tables[table];
            Assert.Equal(stored.Select(r => (r.PartitionKey, r.RowKey)), read.Select(r => ((string)r["PartitionKey"]!, (string)r["RowKey"]!)));
            foreach (var (row, record) in stored.Zip(read))
            {
                Assert.Equal(row.Timestamp, record["Timestamp"]);
                Assert.Equal(row.Keys.Where(k => !k.StartsWith("odata.", StringComparison.Ordinal)).Order(StringComparer.Ordinal), record.Keys.Order(StringComparer.Ordinal));
                Assert.All(record, p => Assert.Equal(row[p.Key], p.Value));
            }
        }

        Assert.Equal(person.Email, Assert.Single(records.Tables[StorageNames.LeadsTable], r => (string)r["RowKey"]! == LeadEntity.ProfileRowKey)["Email"]);
        var deadLetter = Assert.Single(records.Queues[StorageNames.PoisonQueueFor(StorageNames.LeadCapturedQueue)]);
        Assert.Contains(person.LeadId, (string)deadLetter["body"]!, StringComparison.Ordinal);
        Assert.Single(records.Queues[StorageNames.PoisonQueueFor(StorageNames.LeadActivityQueue)]);
        // Reading changes nothing: both leads' dead letters are visible again.
        Assert.Equal(2, (await fixture.DrainAsync(StorageNames.PoisonQueueFor(StorageNames.LeadCapturedQueue))).Count);
        Assert.Single(await fixture.DrainAsync(StorageNames.PoisonQueueFor(StorageNames.LeadActivityQueue)));
        await Store.EraseAsync(person, CancellationToken.None);
        await Store.EraseAsync(other, CancellationToken.None);
    }

    [Fact]
    public async Task EraseAsync_NobodyStored_ZeroForEveryTableAndQueue()
    {
        var nobody = DataSubject.From(StorageFixture.UniqueEmail("nobody"), StorageFixture.Identity, out _)!;

        var deleted = await Store.EraseAsync(nobody, CancellationToken.None);

        Assert.Equal(StorageNames.Tables, deleted.Rows.Keys);
        Assert.All(deleted.Rows.Values, n => Assert.Equal(0, n));
        Assert.Equal(TablePersonalDataStore.SearchedQueues, deleted.Messages.Keys);
        Assert.All(deleted.Messages.Values, n => Assert.Equal(0, n));
    }

    [Theory]
    [InlineData("""{"email":"Jane+News@Example.com"}""", true)]       // case differs: the identity form is lower-case
    [InlineData("""{"email":"jane\u002Bnews@example.com"}""", true)]  // the default JSON encoder escapes +
    [InlineData("""{"events":[{"leadId":"LEAD"}]}""", true)]
    [InlineData("""{"email":"jane@example.com"}""", false)]
    [InlineData("not json jane+news@example.com", true)]
    [InlineData("not json", false)]
    public void Mentions_Body_MatchesTheLeadIdOrEmailHoweverEncoded(string body, bool expected)
    {
        var subject = new DataSubject("ld_TEST", "jane+news@example.com");

        Assert.Equal(expected, TablePersonalDataStore.Mentions(body.Replace("LEAD", subject.LeadId, StringComparison.Ordinal), subject));
    }

    /// <summary>What a full scan costs: one lead erased among many rows (printed, not asserted: Azurite is not Azure).</summary>
    [Fact]
    public async Task EraseAsync_AmongManyRows_PrintsTheScanCost()
    {
        var service = Get<TableServiceClient>();
        await Store.EraseAsync(DataSubject.From(StorageFixture.UniqueEmail("warm-up"), StorageFixture.Identity, out _)!, CancellationToken.None);
        foreach (var filler in new[] { 2_000, 18_000 })
        {
            await FillAsync(service, filler);
            var total = 0;
            foreach (var table in StorageNames.Tables)
            {
                await foreach (var _ in service.GetTableClient(table).QueryAsync<TableEntity>(select: ["PartitionKey"]))
                    total++;
            }

            var (person, _) = await SeedTwoLeadsAsync("cost");
            var watch = Stopwatch.StartNew();
            var deleted = await Store.EraseAsync(person, CancellationToken.None);
            var erase = watch.Elapsed;
            watch.Restart();
            await Store.ReadAsync(person, CancellationToken.None);
            var read = watch.Elapsed;

            Assert.True(deleted.Rows.Values.Sum() > 0);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Erasure scan on Azurite: {total:N0} rows in {StorageNames.Tables.Count} tables, erased {deleted.Rows.Values.Sum()} rows + {deleted.Messages.Values.Sum()} dead letters in {erase.TotalMilliseconds:N0} ms; access export (nothing left) {read.TotalMilliseconds:N0} ms"));
        }
    }

    // Rows of other leads, as the app's day-partitioned and lead-partitioned tables hold them: half StageChangesByDay
    // (LeadId column, 100 per day partition), half StageHistory (10 per lead partition).
    private static async Task FillAsync(TableServiceClient service, int rows)
    {
        var byDay = service.GetTableClient(StorageNames.StageChangesByDayTable);
        var history = service.GetTableClient(StorageNames.StageHistoryTable);
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < rows / 2; i += 100)
        {
            var day = new DateOnly(2020, 1, 1).AddDays(i / 100).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "-" + run;
            await byDay.SubmitTransactionAsync(Enumerable.Range(i, 100).Select(n => new TableTransactionAction(TableTransactionActionType.Add,
                new TableEntity(day, $"ld_filler{n:D6}_{run}") { ["LeadId"] = $"ld_filler{n:D6}", ["ToStage"] = "MQL", ["Score"] = 40 })));
        }

        for (var i = 0; i < rows / 2; i += 100)
        {
            foreach (var lead in Enumerable.Range(i / 10, 10))
            {
                await history.SubmitTransactionAsync(Enumerable.Range(0, 10).Select(n => new TableTransactionAction(TableTransactionActionType.Add,
                    new TableEntity($"ld_filler{lead:D6}_{run}", $"change{n:D2}") { ["ToStage"] = "MQL", ["Score"] = 40 })));
            }
        }
    }

    /// <summary>Two handed-off leads whose hand-off sends failed (outbox rows stay), breached by the SLA clock, each with a dead letter.</summary>
    private async Task<(DataSubject Erased, DataSubject Other)> SeedTwoLeadsAsync(string prefix)
    {
        var people = new[] { StorageFixture.UniqueEmail(prefix), StorageFixture.UniqueEmail(prefix + "-other") }
            .Select(email => DataSubject.From(email, StorageFixture.Identity, out _)!).ToArray();
        // Each test counts the dead letters it leaves: start from empty poison queues.
        foreach (var queue in TablePersonalDataStore.SearchedQueues)
            await fixture.DrainAsync(queue);
        var handoffs = fixture.Queue(StorageNames.SalesHandoffQueue);
        await handoffs.DeleteIfExistsAsync();
        var submissions = people.Select(p => StorageFixture.Submission(p.Email, ("contactRequested", "true"), ("formId", "demo"),
            ("firstName", "Jane"), ("company", "Contoso Labs"), ("jobTitle", "Chief Executive Officer"), ("consent_marketing", "true"))).ToArray();
        foreach (var submission in submissions)
        {
            // The lead and its outbox row commit, then the send fails: the hand-off stays in the outbox for the sweep.
            var failure = await Assert.ThrowsAsync<RequestFailedException>(() => Get<ProcessLead>().RunAsync(submission, CancellationToken.None));
            Assert.Equal(404, failure.Status);
        }

        await handoffs.CreateIfNotExistsAsync();
        var leads = Get<ILeadStore>();
        var due = DateTimeOffset.MinValue;
        foreach (var person in people)
        {
            var lead = (await leads.FindAsync(person.LeadId, CancellationToken.None))!.Lead;
            due = lead.ResponseDueAt!.Value > due ? lead.ResponseDueAt.Value : due;
        }

        var clock = new SlaCheck(
            Get<IDeadlineIndex>(), leads, Get<ILeadActivityStore>(), Get<ISlaBreachStore>(), Get<ISlaBreachQueue>(), Get<HandoffSender>(),
            Get<IQualificationPolicyProvider>(), new ManualTimeProvider(due + TimeSpan.FromMinutes(1)));
        Assert.True((await clock.RunAsync(CancellationToken.None)).Breaches >= 2);
        await fixture.DrainAsync(StorageNames.SlaBreachesQueue);
        await fixture.DrainAsync(StorageNames.SalesHandoffQueue);

        // Dead letters: each lead's submission on lead-captured-poison, an activity batch of the first on lead-activity-poison.
        foreach (var submission in submissions)
            await fixture.Queue(StorageNames.PoisonQueueFor(StorageNames.LeadCapturedQueue)).SendMessageAsync(LeadSubmissionMessage.Serialize(submission));
        var batch = new LeadActivityMessage(LeadActivityMessage.CurrentVersion, $"batch-{Guid.NewGuid():N}", people[0].LeadId, DateTimeOffset.UtcNow,
            [new LeadActivity($"ev-{Guid.NewGuid():N}", "email_open", DateTimeOffset.UtcNow, new Dictionary<string, string>())]);
        await fixture.Queue(StorageNames.PoisonQueueFor(StorageNames.LeadActivityQueue)).SendMessageAsync(batch.ToJson());
        return (people[0], people[1]);
    }

    private Task<List<(string Table, TableEntity Row)>> EveryRowAsync() => AccountRows.EveryRowAsync(Get<TableServiceClient>());

    private static (string, string, string, string) Identity((string Table, TableEntity Row) row) =>
        (row.Table, row.Row.PartitionKey, row.Row.RowKey, row.Row.ETag.ToString());

    /// <summary>True when any key or property value of <paramref name="row"/> holds the person's lead id or email (any case).</summary>
    public static bool Names(TableEntity row, DataSubject person) => AccountRows.Names(row, person.LeadId, person.Email);
}
