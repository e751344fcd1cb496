using LeadIntake.Application.Processing;
using LeadIntake.Application.Webhooks;

namespace LeadIntake.Application.Tests.Webhooks;

/// <summary>One ordered log of what the fakes were asked to do, so tests can assert the order across ports.</summary>
public sealed class CallLog
{
    /// <summary>The calls, in order.</summary>
    public List<string> Calls { get; } = [];
}

/// <summary>An in-memory <see cref="ISalesHandoffQueue"/>; throws <see cref="Failure"/> when set.</summary>
public sealed class FakeSalesHandoffQueue(CallLog log) : ISalesHandoffQueue
{
    /// <summary>The messages sent.</summary>
    public List<SalesHandoffMessage> Sent { get; } = [];

    /// <summary>What the next send throws, or null.</summary>
    public Exception? Failure { get; set; }

    /// <inheritdoc />
    public Task SendAsync(SalesHandoffMessage message, CancellationToken cancellationToken)
    {
        if (Failure is not null)
            throw Failure;
        log.Calls.Add($"sales-handoff {message.HandoffId}");
        Sent.Add(message);
        return Task.CompletedTask;
    }
}

/// <summary>An in-memory <see cref="IHandoffWebhookQueue"/>; throws <see cref="Failure"/> when set.</summary>
public sealed class FakeHandoffWebhookQueue(CallLog log) : IHandoffWebhookQueue
{
    /// <summary>The deliveries queued, with their delays.</summary>
    public List<(HandoffWebhookDelivery Delivery, TimeSpan Delay)> Sent { get; } = [];

    /// <summary>What the next send throws, or null.</summary>
    public Exception? Failure { get; set; }

    /// <inheritdoc />
    public Task SendAsync(HandoffWebhookDelivery delivery, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (Failure is not null)
            throw Failure;
        log.Calls.Add($"handoff-webhook {delivery.HandoffId} attempt {delivery.Attempt}");
        Sent.Add((delivery, delay));
        return Task.CompletedTask;
    }
}

/// <summary>An <see cref="IHandoffWebhookSender"/> that records each request and answers from a script (default 200).</summary>
public sealed class FakeWebhookSender : IHandoffWebhookSender
{
    private readonly Queue<HandoffWebhookResponse> _answers = new();

    /// <summary>The requests received.</summary>
    public List<HandoffWebhookRequest> Requests { get; } = [];

    /// <summary>Answers the next requests with <paramref name="answers"/>, in order; 200 afterwards.</summary>
    public FakeWebhookSender Answering(params HandoffWebhookResponse[] answers)
    {
        foreach (var answer in answers)
            _answers.Enqueue(answer);
        return this;
    }

    /// <inheritdoc />
    public Task<HandoffWebhookResponse> PostAsync(HandoffWebhookRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return Task.FromResult(_answers.TryDequeue(out var answer) ? answer : HandoffWebhookResponse.Answered(200));
    }
}

/// <summary>Sample hand-offs.</summary>
public static class Handoffs
{
    /// <summary>A hand-off of lead <paramref name="leadId"/> as ProcessLead would send it.</summary>
    public static SalesHandoffMessage Sample(string leadId = "ld_test") => new(
        SalesHandoffMessage.CurrentVersion, SalesHandoffMessage.HandoffIdFor(leadId, "sub1"), leadId, "sub1", "ada@contoso.com",
        "Ada", "Lovelace", "Contoso", "DE", "SQL", "ada@sales", 80, "A", 20, "points-v1", "policy-default-1",
        "SQL fast track 'asked-for-contact': contact_requested", new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));
}
