using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace LeadIntake.LocalHost;

/// <summary>The command line, <c>local.settings.json</c>, environment and <c>host.json</c> of one local host run.</summary>
/// <remarks>
/// Command line: <c>--script-root &lt;worker output folder&gt;</c> (required) and <c>--port &lt;n&gt;</c> (else
/// <c>Host.LocalHttpPort</c> from local.settings.json, else 7071). local.settings.json is read from the script root, else
/// from the current directory. An app setting is looked up in the environment first (<c>A:B</c> also as <c>A__B</c>),
/// then in the file's <c>Values</c>, as Core Tools do. Immutable after <see cref="Load"/>.
/// </remarks>
public sealed class HostSettings
{
    private const int DefaultPort = 7071;
    private static readonly JsonNodeOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    private HostSettings(string scriptRoot, int port, IReadOnlyDictionary<string, string> values, JsonObject hostJson)
    {
        ScriptRoot = scriptRoot;
        Port = port;
        Values = values;
        HostJson = hostJson;
        FunctionKey = Get("LocalHost:FunctionKey") ?? NewKey();
        MasterKey = Get("LocalHost:MasterKey") ?? NewKey();
    }

    /// <summary>The worker's build output folder (worker.config.json, functions.metadata, host.json, the worker dll).</summary>
    public string ScriptRoot { get; }

    /// <summary>The loopback HTTP port the function routes are served on.</summary>
    public int Port { get; }

    /// <summary>The <c>Values</c> of local.settings.json (empty when there is no file).</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The script root's host.json, property names case-insensitive (empty when absent).</summary>
    public JsonObject HostJson { get; }

    /// <summary>The key <c>function</c>-level routes accept (<c>LocalHost:FunctionKey</c>, else random per run).</summary>
    public string FunctionKey { get; }

    /// <summary>The admin key every route accepts (<c>LocalHost:MasterKey</c>, else random per run).</summary>
    public string MasterKey { get; }

    /// <summary>host.json <c>extensions.http.routePrefix</c>, "api" by default, without slashes.</summary>
    public string RoutePrefix => (HostJson["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() ?? "api").Trim('/');

    /// <summary>host.json <c>extensions.queues</c> (empty when absent).</summary>
    public JsonObject QueuesSection => HostJson["extensions"]?["queues"] as JsonObject ?? [];

    /// <summary>Reads the command line and the files it points at.</summary>
    /// <exception cref="ArgumentException">A switch is unknown or lacks its value, or the script root has no worker.config.json.</exception>
    public static HostSettings Load(string[] args)
    {
        string? scriptRoot = null;
        int? port = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--script-root": scriptRoot = Path.GetFullPath(value); break;
                case "--port": port = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown switch {args[i]}. Usage: --script-root <worker output folder> [--port 7071]");
            }

            i++;
        }

        if (scriptRoot is null || !File.Exists(Path.Combine(scriptRoot, "worker.config.json")))
            throw new ArgumentException($"--script-root must name the worker's output folder holding worker.config.json (got '{scriptRoot}').");

        var localSettings = new[] { scriptRoot, Directory.GetCurrentDirectory() }
            .Select(folder => Path.Combine(folder, "local.settings.json"))
            .Where(File.Exists)
            .Select(path => ReadJson(path))
            .FirstOrDefault() ?? [];
        var values = (localSettings["Values"] as JsonObject ?? [])
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value!.ToString(), StringComparer.OrdinalIgnoreCase);
        port ??= localSettings["Host"]?["LocalHttpPort"]?.GetValue<int>() ?? DefaultPort;

        var hostJsonPath = Path.Combine(scriptRoot, "host.json");
        var hostJson = File.Exists(hostJsonPath) ? ReadJson(hostJsonPath) : [];
        return new HostSettings(scriptRoot, port.Value, values, hostJson);
    }

    /// <summary>An app setting: environment (<c>:</c> also spelled <c>__</c>) first, then local.settings.json Values.</summary>
    public string? Get(string name)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(name) ?? Environment.GetEnvironmentVariable(name.Replace(":", "__"));
        if (!string.IsNullOrEmpty(fromEnvironment))
            return fromEnvironment;
        return Values.TryGetValue(name, out var value) || Values.TryGetValue(name.Replace(":", "__"), out value) ? value : null;
    }

    /// <summary>Whether app setting <c>AzureWebJobs.&lt;function&gt;.Disabled</c> turns <paramref name="function"/> off, as in Azure.</summary>
    public bool IsDisabled(string function) =>
        bool.TryParse(Get($"AzureWebJobs.{function}.Disabled"), out var disabled) && disabled;

    /// <summary>Replaces each <c>%Setting%</c> in a binding property with the setting's value.</summary>
    /// <exception cref="InvalidOperationException">A referenced setting is not defined.</exception>
    public string Resolve(string text)
    {
        var parts = text.Split('%');
        if (parts.Length < 3)
            return text;
        for (var i = 1; i < parts.Length - 1; i += 2)
            parts[i] = Get(parts[i]) ?? throw new InvalidOperationException($"App setting '{parts[i]}' (used as %{parts[i]}%) is not defined.");
        return string.Concat(parts);
    }

    /// <summary>The Values the worker's environment must add to the host's own (which override them, as they do here).</summary>
    public IEnumerable<KeyValuePair<string, string>> WorkerValues() =>
        Values.Where(pair => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(pair.Key)));

    /// <summary>A host.json <c>hh:mm:ss</c> duration, or <paramref name="fallback"/>.</summary>
    public static TimeSpan Duration(JsonNode? node, TimeSpan fallback) =>
        node is null ? fallback : TimeSpan.Parse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject ReadJson(string path) =>
        JsonNode.Parse(File.ReadAllText(path), CaseInsensitive, new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
        ?? throw new ArgumentException($"{path} is not a JSON object.");

    // 32 random bytes, URL-safe, like the keys Azure generates; never logged.
    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
