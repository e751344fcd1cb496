namespace LeadIntake.Storage.Queues;

/// <summary>How message text travels inside the queue's XML.</summary>
public enum QueueMessageEncoding
{
    /// <summary>Raw text, XML-escaped. Unreadable by a Functions queue trigger with its default settings.</summary>
    None,

    /// <summary>UTF-8 bytes as base64: what the Functions queue trigger expects by default. Our default.</summary>
    Base64,
}
