using System.Text.Json;
using LeadIntake.Application.Processing;

namespace LeadIntake.Application.Webhooks;

/// <summary>The <c>handoff-webhook</c> queue message: one attempt to POST one sales hand-off to the webhook.</summary>
/// <remarks>
/// JSON, camelCase: <c>version</c>, <c>handoffId</c> (the hand-off's id, sent as the delivery header), <c>attempt</c>
/// (1 for the first, one more for each re-queued retry) and <c>body</c> (the <c>sales-handoff</c> message's JSON text,
/// verbatim: exactly what is POSTed and signed; it is carried as text, never re-serialised, so it stays byte for byte
/// what the <c>sales-handoff</c> queue received, whatever that format's version).
/// Versions: 1 — first format.
/// </remarks>
/// <param name="Version">The format version, <see cref="CurrentVersion"/>.</param>
/// <param name="HandoffId">The hand-off's id (<see cref="SalesHandoffMessage.HandoffId"/>).</param>
/// <param name="Attempt">Which attempt this message is, from 1.</param>
/// <param name="Body">The JSON text to POST (<see cref="SalesHandoffMessage.ToJson"/>).</param>
public sealed record HandoffWebhookDelivery(int Version, string HandoffId, int Attempt, string Body)
{
    /// <summary>The format version written today, and the only one read.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The first attempt to deliver <paramref name="handoff"/>.</summary>
    public static HandoffWebhookDelivery For(SalesHandoffMessage handoff) => new(CurrentVersion, handoff.HandoffId, 1, handoff.ToJson());

    /// <summary>The same delivery, one attempt later.</summary>
    public HandoffWebhookDelivery NextAttempt() => this with { Attempt = Attempt + 1 };

    /// <summary>The message's JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    /// <summary>Reads a message written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not such a message, or of a version this code does not know.</exception>
    public static HandoffWebhookDelivery Parse(string json)
    {
        var delivery = JsonSerializer.Deserialize<HandoffWebhookDelivery>(json, JsonSerializerOptions.Web)
            ?? throw new JsonException("A hand-off webhook delivery cannot be null.");
        if (delivery.Version != CurrentVersion)
            throw new JsonException($"Hand-off webhook delivery version {delivery.Version} is not known (this code reads version {CurrentVersion}).");
        if (string.IsNullOrEmpty(delivery.HandoffId))
            throw new JsonException("A hand-off webhook delivery needs a handoffId.");
        if (delivery.Attempt < 1)
            throw new JsonException($"A hand-off webhook delivery's attempt must be at least 1, not {delivery.Attempt}.");
        if (string.IsNullOrEmpty(delivery.Body))
            throw new JsonException("A hand-off webhook delivery needs a body.");
        return delivery;
    }
}
