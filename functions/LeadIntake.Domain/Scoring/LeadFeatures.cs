using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LeadIntake.Domain.Enrichment;
using LeadIntake.Domain.Leads;

namespace LeadIntake.Domain.Scoring;

/// <summary>The intake-time feature snapshot of a lead: ordered name → value (string, double or null).</summary>
/// <remarks>
/// Names and order are <see cref="LeadFeatureNames.All"/>. Categorical values are lower-case strings (null when
/// unknown); numeric values are doubles. Stored with every score (<see cref="ToJson"/>), so closed-loop training
/// uses what was known when the lead was scored, not today's values. Immutable.
/// </remarks>
public sealed class LeadFeatures : IReadOnlyDictionary<string, object?>
{
    private readonly object?[] _values;

    private LeadFeatures(object?[] values) => _values = values;

    /// <inheritdoc/>
    public int Count => _values.Length;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => LeadFeatureNames.All;

    /// <inheritdoc/>
    public IEnumerable<object?> Values => _values;

    /// <inheritdoc/>
    public object? this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"'{key}' is not a lead feature.");

    /// <summary>Builds the snapshot of <paramref name="lead"/>'s current profile.</summary>
    public static LeadFeatures From(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var values = new Dictionary<string, object?>
        {
            [LeadFeatureNames.EmailClass] = EnrichmentCodes.ToCode(lead.EmailClass),
            [LeadFeatureNames.EmailDomainTld] = lead.EmailDomain is { } d ? d[(d.LastIndexOf('.') + 1)..] : null,
            [LeadFeatureNames.Channel] = lead.FirstTouch is { } first ? EnrichmentCodes.ToCode(first.Channel) : null,
            [LeadFeatureNames.LastChannel] = lead.LastTouch is { } last ? EnrichmentCodes.ToCode(last.Channel) : null,
            [LeadFeatureNames.UtmSource] = Lower(lead.FirstTouch?.Source),
            [LeadFeatureNames.UtmMedium] = Lower(lead.FirstTouch?.Medium),
            [LeadFeatureNames.UtmCampaign] = Lower(lead.FirstTouch?.Campaign),
            [LeadFeatureNames.Country] = Lower(lead.Country),
            [LeadFeatureNames.JobTitle] = Lower(lead.JobTitle),
            [LeadFeatureNames.JobSeniority] = EnrichmentCodes.ToCode(JobSeniorityClassifier.Classify(lead.JobTitle)),
            [LeadFeatureNames.FormId] = Lower(lead.FormId),
            [LeadFeatureNames.HasCompany] = Flag(!string.IsNullOrEmpty(lead.Company)),
            [LeadFeatureNames.HasPhone] = Flag(!string.IsNullOrEmpty(lead.Phone)),
            [LeadFeatureNames.ContactRequested] = Flag(lead.ContactRequested),
            [LeadFeatureNames.ConsentMarketing] = Flag(lead.ConsentMarketing),
            [LeadFeatureNames.MessageLength] = (double)(lead.Message?.Length ?? 0),
            [LeadFeatureNames.SubmissionCount] = (double)lead.SubmissionCount,
            [LeadFeatureNames.CustomFieldCount] = (double)lead.CustomFields.Count,
        };
        return new LeadFeatures([.. LeadFeatureNames.All.Select(n => values[n])]);
    }

    /// <summary>Builds a snapshot from explicit values; missing names are null (categorical) or 0 (numeric).</summary>
    /// <exception cref="ArgumentException">An unknown name, or a value of the wrong kind.</exception>
    public static LeadFeatures FromValues(IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (name, value) in values)
        {
            if (!LeadFeatureNames.IsKnown(name))
            {
                throw new ArgumentException($"'{name}' is not a lead feature.", nameof(values));
            }

            var numeric = LeadFeatureNames.IsNumeric(name);
            if ((numeric && value is not double) || (!numeric && value is not (null or string)))
            {
                throw new ArgumentException(
                    $"Feature '{name}' takes {(numeric ? "a number (double)" : "a string or null")}, not {value ?? "null"}.", nameof(values));
            }
        }

        return new LeadFeatures([.. LeadFeatureNames.All.Select(n =>
            values.TryGetValue(n, out var v) ? v : LeadFeatureNames.IsNumeric(n) ? 0d : null)]);
    }

    /// <summary>The value of a categorical feature, or null.</summary>
    public string? GetString(string name) => this[name] as string;

    /// <summary>The value of a numeric feature.</summary>
    public double GetNumber(string name) => this[name] is double d ? d : throw new ArgumentException($"'{name}' is not a numeric feature.", nameof(name));

    /// <summary>The snapshot as a JSON object in schema order ({"email_class":"corporate",…,"submission_count":2}).</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in this)
            {
                switch (value)
                {
                    case double number:
                        writer.WriteNumber(name, number);
                        break;
                    case string text:
                        writer.WriteString(name, text);
                        break;
                    default:
                        writer.WriteNull(name);
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads a snapshot written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">Not a JSON object of known features.</exception>
    public static LeadFeatures ParseJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var values = new Dictionary<string, object?>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                values[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.Number => property.Value.GetDouble(),
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => throw new FormatException($"Feature '{property.Name}' has a {property.Value.ValueKind} value."),
                };
            }

            return FromValues(values);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"Not a lead feature snapshot: {e.Message}", e);
        }
    }

    /// <summary>The value formatted for display ("corporate", "1", "250").</summary>
    public static string? Format(object? value) => value switch
    {
        double d => d.ToString(CultureInfo.InvariantCulture),
        string s => s,
        _ => null,
    };

    /// <inheritdoc/>
    public bool ContainsKey(string key) => LeadFeatureNames.IsKnown(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, out object? value)
    {
        for (var i = 0; i < _values.Length; i++)
        {
            if (LeadFeatureNames.All[i] == key)
            {
                value = _values[i];
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _values.Length; i++)
        {
            yield return new KeyValuePair<string, object?>(LeadFeatureNames.All[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string? Lower(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().ToLowerInvariant();

    private static double Flag(bool value) => value ? 1d : 0d;
}
