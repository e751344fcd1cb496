using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LeadIntake.Infra.Tests;

/// <summary><c>infra/main.bicep</c> compiled once by <c>bicep build</c> into a temporary folder, as ARM JSON.</summary>
/// <remarks>Bicep compiles each module into a nested <c>Microsoft.Resources/deployments</c> with its own template;
/// with typed parameters the template is language version 2.0, where <c>resources</c> is an object keyed by symbolic
/// name. <see cref="Resources"/> walks both shapes.</remarks>
public sealed class CompiledTemplate : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("leadintake-bicep-").FullName;

    /// <summary>Builds the template.</summary>
    /// <exception cref="InvalidOperationException"><c>bicep build</c> failed.</exception>
    public CompiledTemplate()
    {
        var path = Path.Combine(folder, "main.json");
        Build = BicepCli.Run("build", InfraPath("main.bicep"), "--outfile", path);
        if (Build.ExitCode != 0)
            throw new InvalidOperationException($"bicep build failed ({Build.ExitCode}): {Build.Error}");
        Text = File.ReadAllText(path);
        Root = JsonNode.Parse(Text)!.AsObject();
    }

    /// <summary>What <c>bicep build</c> answered.</summary>
    public CommandResult Build { get; }

    /// <summary>The compiled JSON text.</summary>
    public string Text { get; }

    /// <summary>The compiled template.</summary>
    public JsonObject Root { get; }

    /// <summary>A path under <c>infra/</c>.</summary>
    public static string InfraPath(string relative) => Path.Combine(Testing.RepositoryPaths.Root, "infra", relative);

    /// <summary>Every resource of a type the template deploys (not the <c>existing</c> ones it only reads), in the main
    /// template and in every module, with the module's name ("" for main).</summary>
    public IReadOnlyList<(string Module, JsonObject Resource)> Resources(string type) =>
        AllResources(Root, "").Where(r => (string?)r.Resource["type"] == type && !((bool?)r.Resource["existing"] ?? false)).ToList();

    /// <summary>The one resource of a type (throws when there is none or more than one).</summary>
    public JsonObject Single(string type) => Resources(type).Single().Resource;

    /// <summary>The compiled template of a module, by its deployment name.</summary>
    public JsonObject Module(string name) =>
        AllResources(Root, "").Single(r => (string?)r.Resource["type"] == "Microsoft.Resources/deployments"
            && (string?)r.Resource["name"] == name).Resource["properties"]!["template"]!.AsObject();

    /// <summary>The default value of a parameter of the main template.</summary>
    public JsonNode? Default(string parameter) => Root["parameters"]![parameter]!["defaultValue"];

    /// <summary>The parameter values the main template passes to a module, as ARM expressions or literals.</summary>
    public string ModuleParameter(string module, string parameter)
    {
        var value = AllResources(Root, "").Single(r => (string?)r.Resource["name"] == module).Resource
            ["properties"]!["parameters"]![parameter]!["value"]!;
        return value is JsonValue text && text.TryGetValue<string>(out var expression) ? expression : value.ToJsonString();
    }

    private static IEnumerable<(string Module, JsonObject Resource)> AllResources(JsonObject template, string module)
    {
        var resources = template["resources"] switch
        {
            JsonObject byName => byName.Select(p => p.Value!.AsObject()),
            JsonArray list => list.Select(r => r!.AsObject()),
            _ => [],
        };
        foreach (var resource in resources)
        {
            yield return (module, resource);
            if ((string?)resource["type"] == "Microsoft.Resources/deployments")
            {
                foreach (var nested in AllResources(resource["properties"]!["template"]!.AsObject(), (string)resource["name"]!))
                    yield return nested;
            }
        }
    }

    /// <summary>Removes the temporary folder.</summary>
    public void Dispose() => Directory.Delete(folder, recursive: true);
}

/// <summary>Reads the app settings out of the compiled <c>siteConfig.appSettings</c> expression.</summary>
/// <remarks>Bicep compiles the settings list (fixed settings, then the optional webhook and origin ones) into one
/// <c>concat(createArray(createObject('name', 'X', 'value', V), …), …)</c> expression; each
/// <c>createObject('name', …)</c> is one setting, and its value expression runs to the object's closing parenthesis.</remarks>
public static partial class ArmSettings
{
    /// <summary>Setting name → value expression (a quoted literal such as <c>'managedidentity'</c>, or an expression).</summary>
    public static IReadOnlyDictionary<string, string> Read(string expression)
    {
        var settings = new Dictionary<string, string>();
        foreach (Match match in SettingStart().Matches(expression))
        {
            var start = match.Index + match.Length;
            var depth = 0;
            var inString = false;
            var end = start;
            for (; end < expression.Length; end++)
            {
                var c = expression[end];
                if (c == '\'')
                    inString = !inString;
                else if (!inString && c == '(')
                    depth++;
                else if (!inString && c == ')')
                {
                    if (depth == 0)
                        break;
                    depth--;
                }
            }

            settings.Add(match.Groups["name"].Value, expression[start..end]);
        }

        return settings;
    }

    [GeneratedRegex(@"createObject\('name', '(?<name>[^']+)', 'value', ")]
    private static partial Regex SettingStart();
}

/// <summary>The test classes that read the compiled template share one build of it.</summary>
[CollectionDefinition(Name)]
public sealed class CompiledTemplateCollection : ICollectionFixture<CompiledTemplate>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "compiled template";
}
