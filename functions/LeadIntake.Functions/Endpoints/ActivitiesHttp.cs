using System.Globalization;
using System.Text.Json;
using LeadIntake.Application.Activities;
using LeadIntake.Application.Policy;
using LeadIntake.Domain.Activities;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Policy;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Endpoints;

/// <summary>The HTTP side of <c>POST /api/activities</c>: read one event or an array, validate every field, queue, answer 202.</summary>
/// <remarks>
/// An event is <c>{ "id", "email" | "leadId", "type", "at", "properties" }</c>. Types are the engagement event types of the
/// policy in force. Any bad field refuses the whole request with 400 problem+json naming each item and field
/// (<c>[3].type</c>), so a sender never has to work out which half was taken. Emails become lead ids here: the queue
/// never carries an address. Storage failures propagate to the 503 middleware.
/// </remarks>
public sealed class ActivitiesHttp(AcceptActivities accept, IQualificationPolicyProvider policies, LeadIdentity identity, TimeProvider timeProvider)
{
    /// <summary>Most events in one request.</summary>
    public const int MaxEvents = 100;

    /// <summary>Largest request body.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>Most properties on one event.</summary>
    public const int MaxProperties = 20;

    /// <summary>Longest property value.</summary>
    public const int MaxPropertyLength = 500;

    private static readonly string[] _fields = ["id", "email", "leadId", "type", "at", "properties"];

    /// <summary>Handles one request.</summary>
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, refusal) = await JsonApiBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
            return refusal!;

        using (body)
        {
            var root = body.RootElement;
            var items = root.ValueKind == JsonValueKind.Array ? [.. root.EnumerateArray()] : new[] { root };
            if (items.Length == 0 || items.Length > MaxEvents)
                return Results.Problem($"Send between 1 and {MaxEvents} events.", statusCode: StatusCodes.Status400BadRequest);

            var policy = await policies.GetPolicyAsync(cancellationToken);
            var now = timeProvider.GetUtcNow();
            var errors = new ApiFieldErrors();
            var events = new List<(string LeadId, LeadActivity Activity)>();
            for (var i = 0; i < items.Length; i++)
            {
                var prefix = root.ValueKind == JsonValueKind.Array ? $"[{i}]." : "";
                if (Read(items[i], prefix, policy, now, errors) is { } read)
                    events.Add(read);
            }

            if (!errors.IsEmpty)
                return Results.ValidationProblem(errors.ToDictionary(), title: "Some activity events are not valid; none was accepted.");

            await accept.AcceptAsync(events, cancellationToken);
            return Results.Accepted(null, new { accepted = events.Count, leadIds = events.Select(e => e.LeadId).Distinct().ToArray() });
        }
    }

    private (string, LeadActivity)? Read(JsonElement item, string prefix, QualificationPolicy policy, DateTimeOffset now, ApiFieldErrors errors)
    {
        if (!errors.RequireObject(item, prefix, _fields))
            return null;

        var id = errors.Id(item, "id", prefix);
        var leadId = LeadIdOf(item, prefix, errors);
        var type = errors.String(item, "type", prefix, required: true, ApiFieldErrors.MaxIdLength);
        if (type == EngagementPolicy.FormSubmission)
        {
            errors.Add(prefix + "type", $"'{type}' is recorded by the pipeline for every captured form; post forms to {FunctionNames.PublicPath(FunctionNames.CaptureLeadRoute)}");
            type = null;
        }
        else if (type is not null && !policy.Engagement.Events.ContainsKey(type))
        {
            errors.Add(prefix + "type", $"unknown event type '{type}'; the policy ({policy.Version}) knows {string.Join(", ", policy.Engagement.Events.Keys.Where(k => k != EngagementPolicy.FormSubmission))}");
            type = null;
        }

        var at = errors.Time(item, "at", prefix, required: true, now);
        var properties = Properties(item, prefix, errors);
        return id is null || leadId is null || type is null || at is null || properties is null
            ? null
            : (leadId, new LeadActivity(id, type, at.Value, properties));
    }

    private string? LeadIdOf(JsonElement item, string prefix, ApiFieldErrors errors)
    {
        var hasEmail = item.TryGetProperty("email", out _);
        var hasLeadId = item.TryGetProperty("leadId", out _);
        if (hasEmail == hasLeadId)
        {
            errors.Add(prefix + "email", "give exactly one of email or leadId");
            return null;
        }

        if (hasLeadId)
        {
            var leadId = errors.String(item, "leadId", prefix, required: true, 64);
            if (leadId is not null && !LeadIdentity.IsLeadId(leadId))
            {
                errors.Add(prefix + "leadId", "is not a lead id (ld_…)");
                return null;
            }

            return leadId;
        }

        var email = errors.String(item, "email", prefix, required: true, LeadCaptureLimits.Default.MaxEmailLength);
        if (email is null)
            return null;
        if (!EmailAddress.TryNormalise(email, LeadCaptureLimits.Default.MaxEmailLength, out var normalised, out var problem))
        {
            errors.Add(prefix + "email", problem);
            return null;
        }

        return identity.LeadIdFor(normalised);
    }

    private static Dictionary<string, string>? Properties(JsonElement item, string prefix, ApiFieldErrors errors)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!item.TryGetProperty("properties", out var value) || value.ValueKind == JsonValueKind.Null)
            return properties;
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(prefix + "properties", "must be a JSON object of strings, numbers or booleans");
            return null;
        }

        foreach (var property in value.EnumerateObject())
        {
            var text = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.True or JsonValueKind.False => property.Value.GetBoolean().ToString(CultureInfo.InvariantCulture).ToLowerInvariant(),
                _ => null,
            };
            if (text is null || text.Length > MaxPropertyLength || property.Name.Length is 0 or > 64)
            {
                errors.Add($"{prefix}properties.{property.Name}", $"must be a string, number or boolean of at most {MaxPropertyLength} characters, under a name of 1–64 characters");
                return null;
            }

            properties[property.Name] = text;
        }

        if (properties.Count > MaxProperties)
        {
            errors.Add(prefix + "properties", $"at most {MaxProperties} properties");
            return null;
        }

        return properties;
    }
}
