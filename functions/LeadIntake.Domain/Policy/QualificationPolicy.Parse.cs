using System.Text.Json;
using LeadIntake.Domain.Sla;

namespace LeadIntake.Domain.Policy;

public sealed partial record QualificationPolicy
{
    private const string ResourceName = "LeadIntake.Domain.Policy.qualification-policy.json";

    private static readonly Lazy<string> _defaultJson = new(ReadDefaultJson);
    private static readonly Lazy<QualificationPolicy> _default = new(() => Parse(_defaultJson.Value));

    /// <summary>The policy shipped with the product (the embedded <c>qualification-policy.json</c>, version <c>policy-default-1</c>).</summary>
    /// <remarks>Parsed once, on first use, with the same strict rules as any other file.</remarks>
    public static QualificationPolicy Default => _default.Value;

    /// <summary>The JSON text of <see cref="Default"/>: the starting point to copy, change, re-version and sign.</summary>
    public static string DefaultJson => _defaultJson.Value;

    /// <summary>Reads and validates a policy file.</summary>
    /// <remarks>
    /// The format is the shape of <see cref="DefaultJson"/> (fields listed on <c>QualificationPolicyReader</c>); comments
    /// and trailing commas are allowed. Strict: an unknown property, event type, signal, stage, feature or weekday is an
    /// error naming it and listing the allowed ones. Durations are strings such as <c>"90s"</c>, <c>"15m"</c>, <c>"24h"</c>,
    /// <c>"30d"</c>; inside <c>sla</c> they count business time and <c>"1d"</c> is one working day
    /// (<see cref="BusinessHours.WorkingDayLength"/>), so the returned <see cref="SalesSlaPolicy"/> durations are
    /// already multiplied out.
    /// </remarks>
    /// <exception cref="QualificationPolicyFormatException">The file is not valid; the exception names the JSON path (e.g. <c>$.sla.followUps.count</c>) and the problem.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static QualificationPolicy Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new QualificationPolicyFormatException("$", $"not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            return QualificationPolicyReader.Read(document.RootElement);
        }
    }

    private static string ReadDefaultJson()
    {
        using var stream = typeof(QualificationPolicy).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
