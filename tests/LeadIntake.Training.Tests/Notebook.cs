using System.Text.Json;

namespace LeadIntake.Training.Tests;

/// <summary>Reads a Polyglot Notebooks / Jupyter <c>.ipynb</c> file (nbformat 4) into its cells.</summary>
public static class Notebook
{
    /// <summary>The cells of the notebook at <paramref name="path"/>, in order.</summary>
    public static IReadOnlyList<NotebookCell> ReadCells(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var defaultLanguage = root.TryGetProperty("metadata", out var metadata)
            && metadata.TryGetProperty("polyglot_notebook", out var polyglot)
            && polyglot.TryGetProperty("kernelInfo", out var kernelInfo)
            && kernelInfo.TryGetProperty("defaultKernelName", out var defaultKernel)
                ? defaultKernel.GetString() ?? "csharp"
                : "csharp";

        return root.GetProperty("cells").EnumerateArray().Select(cell => ReadCell(cell, defaultLanguage)).ToArray();
    }

    /// <summary>
    /// The C# a script engine can run: the cell without .NET Interactive directives (<c>#r</c>, <c>#i</c>, <c>#!</c>),
    /// which the test replaces by passing the referenced assemblies itself.
    /// </summary>
    public static string ScriptCode(NotebookCell cell) =>
        string.Join('\n', cell.Source.Split('\n').Where(line => !IsDirective(line.TrimStart())));

    /// <summary>The file names of the assemblies a cell loads with <c>#r "path.dll"</c> (NuGet references excluded).</summary>
    public static IReadOnlyList<string> ReferencedAssemblyFileNames(NotebookCell cell) =>
        cell.Source.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("#r \"", StringComparison.Ordinal) && !line.StartsWith("#r \"nuget:", StringComparison.Ordinal))
            .Select(line => Path.GetFileName(line[4..].TrimEnd('"')))
            .ToArray();

    private static bool IsDirective(string line) =>
        line.StartsWith("#r ", StringComparison.Ordinal) || line.StartsWith("#i ", StringComparison.Ordinal)
        || line.StartsWith("#!", StringComparison.Ordinal);

    private static NotebookCell ReadCell(JsonElement cell, string defaultLanguage)
    {
        var source = cell.GetProperty("source") is { ValueKind: JsonValueKind.Array } lines
            ? string.Concat(lines.EnumerateArray().Select(line => line.GetString()))
            : cell.GetProperty("source").GetString() ?? "";
        var language = defaultLanguage;
        string[] tags = [];
        if (cell.TryGetProperty("metadata", out var metadata))
        {
            if (metadata.TryGetProperty("polyglot_notebook", out var polyglot) && polyglot.TryGetProperty("kernelName", out var kernel))
                language = kernel.GetString() ?? defaultLanguage;
            else if (metadata.TryGetProperty("dotnet_interactive", out var interactive) && interactive.TryGetProperty("language", out var legacy))
                language = legacy.GetString() ?? defaultLanguage;
            if (metadata.TryGetProperty("tags", out var tagArray))
                tags = tagArray.EnumerateArray().Select(tag => tag.GetString() ?? "").ToArray();
        }

        return new NotebookCell(cell.GetProperty("cell_type").GetString() ?? "", language, tags, source.Replace("\r\n", "\n"));
    }
}
