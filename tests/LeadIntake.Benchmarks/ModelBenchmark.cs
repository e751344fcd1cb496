using LeadIntake.Testing;
using System.Diagnostics;
using System.Globalization;
using LeadIntake.Learning;
using LeadIntake.Learning.Data;
using LeadIntake.Scoring;

namespace LeadIntake.Benchmarks;

/// <summary>
/// Trains on the X Education fixed split (intake-time features) and prints the figures: test AUC, log loss,
/// Brier, top-decile lift, fit seconds beside scikit-learn's HistGradientBoosting on the same rows (and the ratio), the
/// wall time of the <c>train</c> command run as a process, µs and bytes per scored lead.
/// </summary>
/// <remarks>Needs <c>/usr/bin/python3</c> with Debian's <c>python3-sklearn</c>; says so and skips that row when absent.</remarks>
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
        var reference = RunHistGradientBoosting();
        var (processSeconds, processOutput) = RunTrainCommand();

        Print("model", $"{chosen.Name} ({chosen.Options})");
        Print("cv auc", string.Join("  ", result.Card.Candidates.Select(c => $"{c.Name} {c.MeanAuc:0.0000}±{c.AucStandardDeviation:0.0000}")));
        Print("test auc", metrics.Auc.ToString("0.0000", CultureInfo.InvariantCulture) + "   (reference 0.862 HistGradientBoosting; own trainer 0.8638)");
        Print("test log loss", metrics.LogLoss.ToString("0.0000", CultureInfo.InvariantCulture));
        Print("test brier", metrics.Brier.ToString("0.0000", CultureInfo.InvariantCulture));
        Print("top-decile lift", metrics.TopDecileLift.ToString("0.00", CultureInfo.InvariantCulture));
        Print("fit seconds", result.Report.FitSeconds.ToString("0.000", CultureInfo.InvariantCulture) + "   (final fit of the chosen model)");
        Print("sklearn HGB", reference is { } r
            ? string.Create(CultureInfo.InvariantCulture, $"fit {r.Seconds:0.000} s, test auc {r.Auc:0.0000}, log loss {r.LogLoss:0.0000}; our fit ÷ theirs = {result.Report.FitSeconds / r.Seconds:0.00}")
            : "not run: /usr/bin/python3 with python3-sklearn is missing (apt-get install -y python3-sklearn)");
        Print("train seconds", result.Report.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + "   (LeadModelTrainer.Train, incl. cross-validation of the grid)");
        Print("train-command seconds", commandSeconds.ToString("0.000", CultureInfo.InvariantCulture) + "   (read CSV + train + write folder, in process)");
        Print("train process seconds", processSeconds.ToString("0.000", CultureInfo.InvariantCulture) + "   (`train` as a process on the whole file, holdout 0.2: wall time incl. start-up)");
        Print("train process holdout", processOutput);
        Print("µs per lead, Score()", microseconds.ToString("0.0", CultureInfo.InvariantCulture) + "   (reasons included, one thread, median of 7 passes)");
        Print("bytes per score", bytes.ToString("0", CultureInfo.InvariantCulture));
        return 0;
    }

    private static (double Seconds, double Auc, double LogLoss)? RunHistGradientBoosting()
    {
        if (!File.Exists("/usr/bin/python3"))
            return null;
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "HistGradientBoostingReference.py"), RepositoryPaths.Dataset("x-education-leads.csv"),
                     RepositoryPaths.Dataset("x-education-split/train-rows.txt"), RepositoryPaths.Dataset("x-education-split/test-rows.txt"),
                     string.Join('|', NotIntakeTime),
                 })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine(error);
            return null;
        }

        var figures = output.Split(' ', StringSplitOptions.TrimEntries).Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (figures[0], figures[1], figures[2]);
    }

    /// <summary>Runs the built CLI's <c>train</c> on the whole file as a user would and times it from start to exit.</summary>
    private static (double Seconds, string HoldoutLine) RunTrainCommand()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     typeof(LeadIntake.Training.TrainingCli).Assembly.Location, "train", "--history", RepositoryPaths.Dataset("x-education-leads.csv"),
                     "--label", "Converted", "--missing", "Select", "--exclude", string.Join(',', NotIntakeTime),
                     "--out", Path.Combine(Path.GetTempPath(), "leadintake-benchmark-train"),
                 })
            start.ArgumentList.Add(argument);
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var holdout = output.Split('\n').FirstOrDefault(l => l.StartsWith("Holdout AUC", StringComparison.Ordinal))?.Trim();
        return (seconds, holdout ?? $"exit {process.ExitCode}: {error.Result}");
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
