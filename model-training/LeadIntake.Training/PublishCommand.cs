using System.CommandLine;
using System.Globalization;
using Azure;
using LeadIntake.Storage;
using Azure.Storage.Blobs;
using LeadIntake.Storage.Models;

namespace LeadIntake.Training;

/// <summary><c>publish</c>: uploads a model to the <c>models</c> container and moves the <c>current</c> pointer, through the AUC gate and, with <c>--recent</c>, the drift gate.</summary>
public static class PublishCommand
{
    /// <summary>The <c>publish</c> verb with its options.</summary>
    public static Command Create(TimeProvider timeProvider)
    {
        var model = new Option<DirectoryInfo>("--model") { HelpName = "DIR", Description = "A model folder written by train (model.zip + model-card.json).", Required = true };
        var force = new Option<bool>("--force") { Description = "Publish even if a gate refuses: the AUC is worse than the current model's by more than the margin, or the scores drift beyond --max-psi." };
        var history = new Option<FileInfo?>("--history")
        {
            HelpName = "FILE",
            Description = "The history the model was trained from: the gate scores its holdout rows with both models (else it compares the recorded holdout AUCs).",
        };
        var maxAucDrop = new Option<double>("--max-auc-drop")
        {
            HelpName = "AUC",
            Description = "Largest allowed drop in holdout AUC against the current model.",
            DefaultValueFactory = _ => PublishGate.DefaultMaxAucDrop,
        };
        maxAucDrop.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (>= 0 and <= 1))
                result.AddError("--max-auc-drop must be between 0 and 1.");
        });
        var recent = new Option<FileInfo?>("--recent")
        {
            HelpName = "FILE",
            Description = "Recent leads (export-training --recent-out): refuse when the model's score deciles on them drift from training by more than --max-psi.",
        };
        var maxPsi = new Option<double>("--max-psi")
        {
            HelpName = "PSI",
            Description = "Largest allowed population stability index of the scores on the recent leads.",
            DefaultValueFactory = _ => DriftGate.DefaultMaxPsi,
        };
        maxPsi.Validators.Add(result =>
        {
            if (!(result.GetValueOrDefault<double>() >= 0))
                result.AddError("--max-psi must be zero or more.");
        });
        var connection = new Option<string?>("--connection")
        {
            HelpName = "CONNSTR",
            Description = $"Storage connection string (default: the {StorageNames.Connection} settings of the environment, as the function app reads them, else {StorageConnection.DevelopmentStorage}).",
        };

        var command = new Command("publish", "Publish a model folder to blob storage (models/<version>/) and make it the current one (gated).")
        {
            model, force, maxAucDrop, history, recent, maxPsi, connection,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetRequiredValue(model), parseResult.GetValue(force), parseResult.GetValue(maxAucDrop), parseResult.GetValue(history),
            parseResult.GetValue(recent), parseResult.GetValue(maxPsi), parseResult.GetValue(connection), timeProvider, parseResult.InvocationConfiguration,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        DirectoryInfo modelDirectory, bool force, double maxAucDrop, FileInfo? history, FileInfo? recent, double maxPsi, string? connectionString, TimeProvider timeProvider,
        InvocationConfiguration console, CancellationToken cancellationToken)
    {
        var model = await ModelFile.LoadAsync(modelDirectory, console.Error);
        if (model is null)
            return ExitCodes.Failed;

        BlobServiceClient service;
        try
        {
            service = StorageConnection.Resolve(connectionString).CreateBlobServiceClient();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            await console.Error.WriteLineAsync($"Invalid storage settings: {e.Message}");
            return ExitCodes.Failed;
        }

        var culture = CultureInfo.InvariantCulture;
        await console.Output.WriteLineAsync(string.Format(
            culture, "Publishing model {0} (holdout AUC {1:0.0000}) to {2}/{3}", model.ModelVersion, model.Card.Holdout?.Auc ?? double.NaN,
            service.Uri, StorageNames.ModelsContainer));
        PublishOutcome outcome;
        try
        {
            outcome = await new ModelPublisher(new ModelRegistry(service, timeProvider)).PublishAsync(
                modelDirectory.FullName, maxAucDrop, force, history?.FullName, recent?.FullName, maxPsi, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            await console.Error.WriteLineAsync(
                $"Another publish moved the '{StorageNames.CurrentModelPointerBlob}' pointer meanwhile ({e.ErrorCode}); nothing was switched. Run publish again.");
            return ExitCodes.Failed;
        }
        catch (Exception e) when (StorageFailure.Of(e) is { } failure)
        {
            await console.Error.WriteLineAsync(failure.Status == 0
                ? $"Cannot reach blob storage at {service.Uri}: {failure.Message}"
                : $"Blob storage refused the request ({failure.Status} {failure.ErrorCode}): {failure.Message}");
            return ExitCodes.Failed;
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or FileNotFoundException)
        {
            await console.Error.WriteLineAsync(e.Message);
            return ExitCodes.Failed;
        }

        if (outcome.Drift is { } drift)
        {
            if (drift.Decision.Allowed)
                await console.Output.WriteLineAsync($"Drift gate: {drift.Decision.Reason}.");
            else
                await console.Error.WriteLineAsync($"Drift gate {drift.Decision.Reason}.");
        }

        if (!outcome.Decision.Allowed)
        {
            await console.Error.WriteLineAsync($"Publish gate {outcome.Decision.Reason}.");
            return ExitCodes.Failed;
        }

        await console.Output.WriteLineAsync($"Publish gate: {outcome.Decision.Reason}.");
        if (!outcome.Allowed)
            return ExitCodes.Failed;
        await console.Output.WriteLineAsync(outcome.AlreadyCurrent
            ? $"Nothing to do: '{StorageNames.CurrentModelPointerBlob}' already names {model.ModelVersion}."
            : $"Published {outcome.Current!.Blob}; '{StorageNames.CurrentModelPointerBlob}' now names {model.ModelVersion}"
              + (outcome.Previous is null ? "." : $" (was {outcome.Previous.Version})."));
        return ExitCodes.Success;
    }
}
