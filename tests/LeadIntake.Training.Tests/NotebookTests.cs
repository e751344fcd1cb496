using LeadIntake.Learning;
using Azure.Storage.Blobs;
using LeadIntake.Storage.Models;
using LeadIntake.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace LeadIntake.Training.Tests;

public sealed class NotebookTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    // The usings the .NET Interactive C# kernel starts with; the notebook adds its own on top.
    private static readonly string[] KernelImports = ["System", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks"];

    [Fact]
    public void Notebook_Cells_AreCSharpWithOneParametersCell()
    {
        var cells = Notebook.ReadCells(RepositoryPaths.Notebook);

        var code = cells.Where(cell => cell.Kind == "code").ToArray();
        Assert.True(code.Length >= 6, $"{code.Length} code cells");
        Assert.All(code, cell => Assert.Equal("csharp", cell.Language));
        Assert.Single(code, cell => cell.Tags.Contains("parameters"));
        Assert.Contains(code, cell => cell.Source.Contains("#r \"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Notebook_RunInOrderOnSmallHistory_WritesModelAndReportAndPublishesToAzurite()
    {
        using var temp = new TempDirectory();
        LeadHistoryCsv.Write(temp.File("history.csv"), rows: 500, seed: 41);
        var globals = new NotebookGlobals();
        var cells = Notebook.ReadCells(RepositoryPaths.Notebook).Where(cell => cell.Kind == "code").ToArray();
        // The notebook's own #r list, taken from this test's output folder (the same build): a renamed or missing
        // assembly fails here instead of in a data scientist's kernel.
        var references = cells.SelectMany(Notebook.ReferencedAssemblyFileNames).Select(name => Path.Combine(AppContext.BaseDirectory, name)).ToArray();
        Assert.All(references, path => Assert.True(File.Exists(path), $"#r names {Path.GetFileName(path)}, which the build does not produce"));
        var options = ScriptOptions.Default
            .AddReferences(SharedFrameworkAssemblies().Concat(references).Select(path => MetadataReference.CreateFromFile(path)))
            .AddImports(KernelImports);

        ScriptState<object>? state = null;
        foreach (var cell in cells)
        {
            state = await RunAsync(state, Notebook.ScriptCode(cell), options, globals);
            if (cell.Tags.Contains("parameters"))
                state = await RunAsync(state, Parameters(temp), options, globals);
        }

        Assert.NotNull(state);
        var result = (TrainingResult)state.GetVariable("result").Value;
        Assert.True(File.Exists(temp.File("out/model.zip")));
        Assert.True(File.Exists(temp.File("out/report.html")));
        Assert.True(File.Exists(temp.File("out/metrics.json")));
        Assert.Contains(globals.Displayed, value => value is IEnumerable<ColumnProfile>);
        var outcome = (PublishOutcome)state.GetVariable("outcome").Value;
        Assert.True(outcome.Decision.Allowed, outcome.Decision.Reason);

        var current = await new ModelRegistry(azurite.CreateBlobServiceClient(), TimeProvider.System).DownloadCurrentAsync([LeadIntake.Scoring.LeadModel.CardFileName]);
        Assert.NotNull(current);
        Assert.Equal(result.Card.ModelVersion, current.Pointer.Version);
        Assert.Equal(result.Card.ToJson(), current.Files[LeadIntake.Scoring.LeadModel.CardFileName].ToString());
    }

    // The kernel compiles against the whole shared framework, as a project does; so does this test.
    private static IEnumerable<string> SharedFrameworkAssemblies()
    {
        var frameworkDirectory = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => path.StartsWith(frameworkDirectory, StringComparison.Ordinal));
    }

    private static async Task<ScriptState<object>> RunAsync(ScriptState<object>? state, string code, ScriptOptions options, NotebookGlobals globals) =>
        state is null
            ? await CSharpScript.RunAsync(code, options, globals, typeof(NotebookGlobals))
            : await state.ContinueWithAsync(code, options);

    // Runs right after the notebook's own parameters cell and overrides its values, as papermill does.
    private string Parameters(TempDirectory temp) => $"""
        historyPath = {Literal(temp.File("history.csv"))};
        label = {Literal(LeadHistoryCsv.Label)};
        missingMarkers = ["Select"];
        exclude = [{Literal(LeadHistoryCsv.LeakColumn)}];
        seed = 5;
        outDir = {Literal(temp.File("out"))};
        currentModelPath = null;
        connectionString = {Literal(azurite.ConnectionString)};
        forcePublish = false;
        """;

    private static string Literal(string value) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);
}
