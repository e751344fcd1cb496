using System.CommandLine;
using LeadIntake.Learning;
using LeadIntake.Learning.Data;
using LeadIntake.Scoring;

namespace LeadIntake.Training;

/// <summary><c>evaluate</c>: scores a labelled CSV with a saved model, prints the metrics and writes them as JSON.</summary>
public static class EvaluateCommand
{
    /// <summary>The <c>evaluate</c> verb with its options.</summary>
    public static Command Create()
    {
        var model = new Option<DirectoryInfo>("--model") { HelpName = "DIR", Description = "A model folder written by train.", Required = true };
        var data = new Option<FileInfo>("--data") { HelpName = "FILE", Description = "CSV of leads with the outcome column.", Required = true };
        var label = new Option<string>("--label") { HelpName = "COL", Description = "Name of the outcome column.", Required = true };
        var output = new Option<FileInfo?>("--out") { HelpName = "FILE", Description = "Where to write the metrics JSON (default: only print)." };

        var command = new Command("evaluate", "Measure a saved model on labelled leads.") { model, data, label, output };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetRequiredValue(model), parseResult.GetRequiredValue(data), parseResult.GetRequiredValue(label),
            parseResult.GetValue(output), parseResult.InvocationConfiguration, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        DirectoryInfo modelDirectory, FileInfo dataFile, string label, FileInfo? outFile, InvocationConfiguration console,
        CancellationToken cancellationToken)
    {
        if (!dataFile.Exists)
        {
            await console.Error.WriteLineAsync($"File not found: {dataFile.FullName}");
            return ExitCodes.Failed;
        }

        var artifact = await ModelFile.LoadAsync(modelDirectory, console.Error);
        if (artifact is null)
            return ExitCodes.Failed;

        TabularData table;
        try
        {
            table = CsvTable.Read(dataFile.FullName);
        }
        catch (InvalidDataException e)
        {
            await console.Error.WriteLineAsync($"Cannot read {dataFile.FullName}: {e.Message}");
            return ExitCodes.Failed;
        }

        if (table.IndexOf(label) < 0)
        {
            await console.Error.WriteLineAsync($"Label column '{label}' not found in {dataFile.Name}. Columns: {string.Join(", ", table.Columns)}");
            return ExitCodes.Failed;
        }

        EvaluationMetrics metrics;
        try
        {
            metrics = Evaluator.Evaluate(artifact, table, label);
        }
        catch (ArgumentException e)
        {
            await console.Error.WriteLineAsync($"Cannot evaluate model {artifact.ModelVersion} on {dataFile.Name}: {e.Message}");
            return ExitCodes.Failed;
        }

        MetricsText.Write(metrics, $"Model {artifact.ModelVersion} on {dataFile.Name}", console.Output);
        if (outFile is not null)
        {
            outFile.Directory?.Create();
            await File.WriteAllTextAsync(outFile.FullName, metrics.ToJson(), cancellationToken);
            await console.Output.WriteLineAsync($"Wrote {outFile.FullName}");
        }

        return ExitCodes.Success;
    }
}
