using LeadIntake.Application.Capture;
using LeadIntake.Application.Processing;
using LeadIntake.Application.Sales;
using LeadIntake.DemoHistory;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Sales;
using LeadIntake.Learning.Data;
using LeadIntake.Storage;
using LeadIntake.Storage.Training;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Training.Tests;

/// <summary><c>export-training</c> on Azurite: features as the lead was first scored, never its values today.</summary>
public sealed class TrainingExportTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset s_day = new(2026, 9, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    // won-lost: a won lead is 1 even if it was lost before (recycled, then won); a lost one 0; an SQL without an outcome is left out.
    [InlineData("won-lost", null, null, "a:1 b:0 c:1")]
    // sql-disqualified: reached SQL is 1 (also when disqualified later); disqualified without SQL 0.
    [InlineData("sql-disqualified", null, null, "a:1 b:1 c:1 d:1 e:0")]
    // --from/--to are UTC days of the first score, inclusive: b and c were first scored on 2026-09-02 and -03.
    [InlineData("sql-disqualified", "2026-09-02", "2026-09-03", "b:1 c:1")]
    public void Labelled_FirstMoves_LabelTheOutcomeOfLeadsWithASnapshot(string outcome, string? from, string? to, string expected)
    {
        var scores = new[] { "a", "b", "c", "d", "e" }.Select((id, i) => new FirstScore(id, s_day.AddDays(i), Domain.Scoring.LeadFeatures.FromValues(new Dictionary<string, object?>()), 40, "points-v1"))
            .ToDictionary(s => s.LeadId);
        StageReached Move(string id, Domain.Funnel.FunnelStage stage) => new(id, stage, s_day.AddDays(40));
        var reached = new[]
        {
            Move("a", Domain.Funnel.FunnelStage.SalesQualified), Move("a", Domain.Funnel.FunnelStage.Won),
            Move("b", Domain.Funnel.FunnelStage.SalesQualified), Move("b", Domain.Funnel.FunnelStage.Lost),
            Move("c", Domain.Funnel.FunnelStage.SalesQualified), Move("c", Domain.Funnel.FunnelStage.Lost), Move("c", Domain.Funnel.FunnelStage.Won),
            Move("d", Domain.Funnel.FunnelStage.SalesQualified), Move("d", Domain.Funnel.FunnelStage.Disqualified),
            Move("e", Domain.Funnel.FunnelStage.Disqualified),
            Move("no-snapshot", Domain.Funnel.FunnelStage.Won),
        };

        var rows = TrainingExport.Labelled(scores, reached, TrainingExport.OutcomeCodes[outcome],
            from is null ? null : DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, string.Join(' ', rows.Select(r => $"{r.Score.LeadId}:{(r.Positive ? 1 : 0)}")));
    }

    private static readonly DateTimeOffset s_capturedAt = new(2026, 10, 5, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task ExportTraining_TitleChangedAfterTheFirstScore_ExportsTheFirstSnapshot()
    {
        using var temp = new TempDirectory();
        var clock = new DemoClock(s_capturedAt);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(StorageNames.Connection, azurite.ConnectionString)]).Build();
        await using var services = new ServiceCollection().AddDemoHistory(configuration, clock).BuildServiceProvider();
        await DemoHistory.DemoHistory.CreateStorageAsync(services);
        var capture = services.GetRequiredService<CaptureLead>();
        var identity = services.GetRequiredService<LeadIdentity>();
        LeadSubmission Submission(DateTimeOffset at, string title, string? phone) => LeadSubmissionParser.Parse(
            RawLeadForm.From(("email", "ada@contoso-export.com"), ("jobTitle", title), ("company", "Contoso"), ("phone", phone), ("contactRequested", "true")),
            new CaptureContext(at, "tests", null, null), identity, LeadCaptureLimits.Default).Value!;

        // Asked for contact: an SQL handed over at capture. Then a second form with a new title and a phone, then a won deal.
        var first = Submission(s_capturedAt, "Analyst", null);
        await capture.AcceptAsync(first, CancellationToken.None);
        clock.SetUtcNow(s_capturedAt.AddDays(3));
        await capture.AcceptAsync(Submission(s_capturedAt.AddDays(3), "VP Sales", "+49 30 1234567"), CancellationToken.None);
        var sales = services.GetRequiredService<RecordSalesEvent>();
        clock.SetUtcNow(s_capturedAt.AddDays(10));
        await sales.RunAsync(first.LeadId, new SalesEvent("crm-x1", SalesEventType.OpportunityCreated, "maria@contoso-sales.com", s_capturedAt.AddDays(10), null, 20_000m, null), CancellationToken.None);
        clock.SetUtcNow(s_capturedAt.AddDays(30));
        await sales.RunAsync(first.LeadId, new SalesEvent("crm-x2", SalesEventType.Won, "maria@contoso-sales.com", s_capturedAt.AddDays(30), null, 21_000m, null), CancellationToken.None);
        var today = (await services.GetRequiredService<ILeadStore>().FindAsync(first.LeadId, CancellationToken.None))!.Lead;

        var run = await Cli.RunAsync(["export-training", "--out", temp.File("history.csv"), "--connection", azurite.ConnectionString]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(("VP Sales", 2), (today.JobTitle, today.SubmissionCount));
        var export = CsvTable.Read(temp.File("history.csv"));
        var row = Assert.Single(export.Rows, r => r[export.IndexOf(TrainingExport.LeadIdColumn)] == first.LeadId);
        string? Cell(string column) => row[export.IndexOf(column)];
        Assert.Equal("analyst", Cell("job_title"));
        Assert.Equal("individual", Cell("job_seniority"));
        Assert.Equal("0", Cell("has_phone"));
        Assert.Equal("1", Cell("submission_count"));
        Assert.Equal("1", Cell("won"));
        Assert.Equal("2026-10-05T09:30:00.000Z", Cell(TrainingExport.TimeColumn));
        Assert.Equal(["lead_id", "scored_at", .. Domain.Scoring.LeadFeatureNames.All, "won"], export.Columns);
    }
}
