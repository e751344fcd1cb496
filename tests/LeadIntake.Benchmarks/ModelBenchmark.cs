using LeadIntake.Testing;
using System.Diagnostics;
using System.Globalization;
using LeadIntake.Learning;
using LeadIntake.Learning.Data;

namespace LeadIntake.Benchmarks;

/// <summary>
/// Trains on the X Education fixed split (intake-time features) and prints the issue's figures: test AUC, log loss,
/// Brier, top-decile lift, fit and train seconds, µs and bytes per scored lead, and the leaks found on all columns.
/// </summary>
public static class ModelBenchmark
{
    /// <summary>Columns sales fills in after contact, plus the IDs (datasets README).</summary>
    private static readonly string[] NotIntakeTime =
    [
        "Prospect ID", "Lead Number", "Tags", "Lead Quality", "Lead Profile", "Asymmetrique Activity Index", "Asymmetrique Profile Index",
        "Asymmetrique Activity Score", "Asymmetrique Profile Score", "Last Activity", "Last Notable Activity",
    ];

    /// <summary>Runs the benchmark; throws <see cref="FileNotFoundException"/> when the shared datasets are missing.</summary>
    public static int Run(string[] args)
    {
        var command = Stopwatch.StartNew();
        var data = CsvTable.Read(RepositoryPaths.Dataset("x-education-leads.csv"));
        var train = data.SelectRows(ReadRows(RepositoryPaths.Dataset("x-education-split/train-rows.txt")));
        var test = data.SelectRows(ReadRows(RepositoryPaths.Dataset("x-education-split/test-rows.txt")));
        var options = new TrainingOptions { Label = "Converted", MissingMarkers = ["Select"], Exclude = NotIntakeTime };
        var result = LeadModelTrainer.Train(train, options);
        var json = result.Artifact.ToJson();
        var html = TrainingReportHtml.Render(result);
        var commandSeconds = command.Elapsed.TotalSeconds;

        var metrics = Evaluator.Evaluate(result.Artifact, test, "Converted");
        var (microseconds, bytes) = MeasureScoring(result.Artifact, test);
        var fullScoreMicroseconds = MeasureFullScore(result.Artifact, test);
        var leaks = LeadModelTrainer.Profile(train, options with { Exclude = [] }).LikelyLeaks;

        Print("model", $"{result.Artifact.ModelKind} ({result.Report.Chosen.Name}, {result.Report.Chosen.Iterations?.ToString(CultureInfo.InvariantCulture) ?? "-"} rounds)");
        Print("cv auc", string.Join("  ", result.Report.Candidates.Select(c => $"{c.Name} {c.MeanAuc:0.0000}±{c.AucStandardDeviation:0.0000}")));
        Print("test auc", metrics.Auc.ToString("0.0000", CultureInfo.InvariantCulture) + "   (reference 0.862, HistGradientBoosting)");
        Print("test log loss", metrics.LogLoss.ToString("0.0000", CultureInfo.InvariantCulture));
        Print("test brier", metrics.Brier.ToString("0.0000", CultureInfo.InvariantCulture));
        Print("top-decile lift", metrics.TopDecileLift.ToString("0.00", CultureInfo.InvariantCulture));
        Print("fit seconds", result.Report.FitSeconds.ToString("0.000", CultureInfo.InvariantCulture) + "   (reference 0.25)");
        Print("train seconds", result.Report.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + "   (LeadModelTrainer.Train, incl. cross-validation)");
        Print("train-command seconds", commandSeconds.ToString("0.000", CultureInfo.InvariantCulture) + "   (read CSV + train + JSON + HTML, in process)");
        Print("µs per lead", microseconds.ToString("0.000", CultureInfo.InvariantCulture) + "   (pre-encoded buffer, one core, median of 9 batches)");
        Print("µs per lead, Score()", fullScoreMicroseconds.ToString("0.000", CultureInfo.InvariantCulture) + "   (dictionary in, reasons out, median of 7 passes)");
        Print("bytes per score", bytes.ToString("0.###", CultureInfo.InvariantCulture));
        Print("artifact bytes", json.Length.ToString(CultureInfo.InvariantCulture) + $"   report.html {html.Length} chars");
        Print("leaks (all columns)", string.Join(", ", leaks.Select(c => $"{c.Name} (AUC {c.SingleColumnAuc:0.000})")));
        return 0;
    }

    private static (double Microseconds, double BytesPerScore) MeasureScoring(ModelArtifact artifact, TabularData test)
    {
        var scorer = artifact.CreateScorer();
        var buffers = Enumerable.Range(0, test.RowCount).Select(r =>
        {
            var buffer = new double[scorer.FeatureCount];
            scorer.Encode(test.RowAsDictionary(r), buffer);
            return buffer;
        }).ToArray();
        var sink = 0.0;
        foreach (var buffer in buffers)
            sink += scorer.Probability(buffer);

        // Median of several timed batches, so a build running beside us skews one batch rather than the figure.
        const int batches = 9, rounds = 25;
        var perBatch = new double[batches];
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var batch = 0; batch < batches; batch++)
        {
            var started = Stopwatch.GetTimestamp(); // not a Stopwatch object: the allocation count must see the scorer only
            for (var round = 0; round < rounds; round++)
            {
                foreach (var buffer in buffers)
                    sink += scorer.Probability(buffer);
            }

            perBatch[batch] = Stopwatch.GetElapsedTime(started).TotalMilliseconds * 1000 / ((double)rounds * buffers.Length);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        GC.KeepAlive(sink);
        return (Median(perBatch), allocated / ((double)batches * rounds * buffers.Length));
    }

    private static double MeasureFullScore(ModelArtifact artifact, TabularData test)
    {
        var scorer = artifact.CreateScorer();
        var leads = Enumerable.Range(0, test.RowCount).Select(test.RowAsDictionary).ToArray();
        const int warmUp = 3, passes = 7;
        var perPass = new double[passes];
        for (var pass = -warmUp; pass < passes; pass++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var lead in leads)
                scorer.Score(lead);
            if (pass >= 0)
                perPass[pass] = watch.Elapsed.TotalMilliseconds * 1000 / leads.Length;
        }

        return Median(perPass);
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        return values[values.Length / 2];
    }

    private static int[] ReadRows(string path) => File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();

    private static void Print(string name, string value) => Console.WriteLine($"{name,-24} {value}");
}
