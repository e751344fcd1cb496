using System.Text.Json;
using LeadIntake.Domain.Activities;

namespace LeadIntake.Application.Activities;

/// <summary>The <c>lead-activity</c> queue message: one lead's behaviour events from one request.</summary>
/// <remarks>
/// JSON, camelCase: version, batchId, leadId, receivedAt, events [{ id, type, at, properties }]. The lead id, never the
/// email, travels on the queue. Versions: 1 — first format.
/// </remarks>
/// <param name="Version">The format version.</param>
/// <param name="BatchId">Unique per message: what caused the stage changes and hand-off it leads to.</param>
/// <param name="LeadId">The lead the events belong to.</param>
/// <param name="ReceivedAt">When the request was accepted.</param>
/// <param name="Events">The events, as posted.</param>
public sealed record LeadActivityMessage(int Version, string BatchId, string LeadId, DateTimeOffset ReceivedAt, IReadOnlyList<LeadActivity> Events)
{
    /// <summary>The format version written today.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Most events in one message, so it stays well inside a queue message's 64 KiB.</summary>
    public const int MaxEvents = 25;

    /// <summary>The message's JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    /// <summary>Reads a message written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not such a message, or of an unknown version.</exception>
    public static LeadActivityMessage Parse(string json)
    {
        var message = JsonSerializer.Deserialize<LeadActivityMessage>(json, JsonSerializerOptions.Web)
            ?? throw new JsonException("A lead activity message cannot be null.");
        if (message.Version != CurrentVersion)
            throw new JsonException($"Lead activity message version {message.Version} is not known (expected {CurrentVersion}).");
        if (string.IsNullOrEmpty(message.LeadId) || string.IsNullOrEmpty(message.BatchId) || message.Events is null || message.Events.Count == 0
            || message.Events.Any(e => e is null || string.IsNullOrEmpty(e.Id) || string.IsNullOrEmpty(e.Type)))
            throw new JsonException("A lead activity message needs a batchId, a leadId and events with an id and a type.");
        return message;
    }
}

/// <summary>The <c>lead-activity</c> queue.</summary>
public interface ILeadActivityQueue
{
    /// <summary>Sends <paramref name="message"/>; returns once the queue accepted it.</summary>
    Task SendAsync(LeadActivityMessage message, CancellationToken cancellationToken);
}
