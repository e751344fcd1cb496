using System.Text.Json;
using LeadIntake.Application.Webhooks;

namespace LeadIntake.Application.Tests.Webhooks;

/// <summary>The <c>handoff-webhook</c> message format: wire names, the body carried verbatim, refusals.</summary>
public sealed class HandoffWebhookDeliveryTests
{
    [Fact]
    public void For_Handoff_FirstAttemptCarryingItsJsonVerbatim()
    {
        var handoff = Handoffs.Sample();

        var delivery = HandoffWebhookDelivery.For(handoff);

        Assert.Equal(new HandoffWebhookDelivery(1, handoff.HandoffId, 1, handoff.ToJson()), delivery);
    }

    [Fact]
    public void ToJson_WireNames_VersionHandoffIdAttemptBody()
    {
        var json = new HandoffWebhookDelivery(1, "ld_a_s1", 3, """{"x":1}""").ToJson();

        Assert.Equal("""{"version":1,"handoffId":"ld_a_s1","attempt":3,"body":"{\u0022x\u0022:1}"}""", json);
    }

    [Fact]
    public void Parse_ToJson_RoundTripsAndKeepsTheBodyByteForByte()
    {
        var delivery = HandoffWebhookDelivery.For(Handoffs.Sample()).NextAttempt();

        var read = HandoffWebhookDelivery.Parse(delivery.ToJson());

        Assert.Equal(delivery, read);
        Assert.Equal(2, read.Attempt);
        Assert.Equal(Handoffs.Sample().ToJson(), read.Body);
    }

    [Theory]
    [InlineData("""{"version":2,"handoffId":"h","attempt":1,"body":"{}"}""")]   // a version this code does not know
    [InlineData("""{"handoffId":"h","attempt":1,"body":"{}"}""")]               // no version
    [InlineData("""{"version":1,"attempt":1,"body":"{}"}""")]                   // no handoffId
    [InlineData("""{"version":1,"handoffId":"h","attempt":0,"body":"{}"}""")]   // attempt 0
    [InlineData("""{"version":1,"handoffId":"h","attempt":1}""")]               // no body
    [InlineData("""{"version":1,"handoffId":"h","attempt":1,"body":""}""")]     // empty body
    [InlineData("null")]
    [InlineData("not json")]
    public void Parse_NotAVersion1Delivery_ThrowsJsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => HandoffWebhookDelivery.Parse(json));
    }
}
