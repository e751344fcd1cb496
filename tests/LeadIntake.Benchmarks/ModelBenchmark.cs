using LeadIntake.Testing;
using System.Diagnostics;
using System.Globalization;
using LeadIntake.Learning;
using LeadIntake.Learning.Data;
using LeadIntake.Scoring;

namespace LeadIntake.Benchmarks;

/// <summary>
/// Trains on the X Education fixed split (intake-time features) and prints the figures: test AUC, log loss,
/// Brier, top-decile lift, fit and train seconds, µs and bytes per scored lead.
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
        var trainRows = ReadRows(RepositoryPaths.Dataset("x-education-split/train-rows.txt"));
        var train = data.SelectRows(trainRows);
        var test = data.SelectRows(ReadRows(RepositoryPaths.Dataset("x-education-split/test-rows.txt")));
        // The fixed split is the holdout: train on its training rows with no further holdout, measure on its test rows.
        var options = new TrainingOptions { Label = "Converted", MissingMarkers = ["Select"], Exclude = NotIntakeTime, Holdout = 0 };
        var result = LeadModelTrainer.Train(train, options);
        var directory = Path.Combine(Path.GetTempPath(), "leadintake-benchmark-model");
        result.WriteTo(directory);
        var commandSeconds = command.Elapsed.TotalSeconds;

        var model = LeadModel.Load(directory);
        var metrics = Evaluator.Evaluate(model, test, "Converted");
        var (microseconds, bytes) = MeasureScoring(model, test);
        var chosen = result.Card.Candidates.Single(c => c.Name == result.Card.Chosen);

        Print("model", $"{chosen.Name} ({chosen.Options})");
        Print("cv auc", string.Join("  ", result.Card.Candidates.Select(c => $"{c.Name} {c.MeanAuc:0.0000}±{c.AucStandardDeviation:0.0000}")));
        Print("test auc", metrics.Auc.ToString("0.0000", CultureInfo.InvariantCulture) + "   (reference 0.862 HistGradientBoosting; own trainer 0.8638)");
        Print("test log loss", metrics.LogLoss.ToString("0.0000", CultureInfo.InvariantCulture));
        Print("test brier", metrics.Brier.ToString("0.0000", CultureInfo.InvariantCulture));
        Print("top-decile lift", metrics.TopDecileLift.ToString("0.00", CultureInfo.InvariantCulture));
        Print("fit seconds", result.Report.FitSeconds.ToString("0.000", CultureInfo.InvariantCulture) + "   (final fit of the chosen model)");
        Print("train seconds", result.Report.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + "   (LeadModelTrainer.Train, incl. cross-validation of the grid)");
        Print("train-command seconds", commandSeconds.ToString("0.000", CultureInfo.InvariantCulture) + "   (read CSV + train + write folder, in process)");
        Print("µs per lead, Score()", microseconds.ToString("0.0", CultureInfo.InvariantCulture) + "   (reasons included, one thread, median of 7 passes)");
        Print("bytes per score", bytes.ToString("0", CultureInfo.InvariantCulture));
        return 0;
    }

    private static (double Microseconds, double BytesPerScore) MeasureScoring(LeadModel model, TabularData test)
    {
        var leads = Enumerable.Range(0, test.RowCount).Select(test.RowAsDictionary).ToArray();
        const int warmUp = 3, passes = 7;
        var perPass = new double[passes];
        long allocated = 0;
        for (var pass = -warmUp; pass < passes; pass++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            foreach (var lead in leads)
                model.Score(lead);
            if (pass < 0)
                continue;
            perPass[pass] = Stopwatch.GetElapsedTime(started).TotalMilliseconds * 1000 / leads.Length;
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        return (Median(perPass), allocated / ((double)passes * leads.Length));
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        return values[values.Length / 2];
    }

    private static int[] ReadRows(string path) => File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();

    private static void Print(string name, string value) => Console.WriteLine($"{name,-24} {value}");
}
