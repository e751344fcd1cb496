using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace LeadIntake.Storage.Queues;

/// <summary>The Queue service's XML: message bodies out, message lists back, text encoded per <see cref="QueueMessageEncoding"/>.</summary>
/// <remarks>
/// Body: <c>&lt;QueueMessage&gt;&lt;MessageText&gt;…&lt;/MessageText&gt;&lt;/QueueMessage&gt;</c>. Lists: <c>QueueMessagesList</c> of
/// <c>QueueMessage</c> with <c>MessageId, InsertionTime, ExpirationTime, PopReceipt, TimeNextVisible, DequeueCount, MessageText</c>;
/// times are RFC 1123. https://learn.microsoft.com/rest/api/storageservices/get-messages
/// </remarks>
internal static class QueueMessageXml
{
    public static byte[] MessageBody(string messageText, QueueMessageEncoding encoding)
    {
        var text = encoding == QueueMessageEncoding.Base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(messageText)) : messageText;
        var xml = new XElement("QueueMessage", new XElement("MessageText", text)).ToString(SaveOptions.DisableFormatting);
        return Encoding.UTF8.GetBytes(xml);
    }

    public static IReadOnlyList<XElement> Messages(BinaryData content) =>
        XDocument.Parse(content.ToString()).Root?.Elements("QueueMessage").ToList() ?? [];

    public static string Text(XElement message, QueueMessageEncoding encoding)
    {
        var text = message.Element("MessageText")?.Value ?? string.Empty;
        if (encoding == QueueMessageEncoding.None)
            return text;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(text));
        }
        catch (FormatException e)
        {
            throw new FormatException(
                $"Message {Value(message, "MessageId")} is not base64; read it with QueueMessageEncoding.None.", e);
        }
    }

    public static string Value(XElement message, string name) => message.Element(name)?.Value ?? string.Empty;

    public static long Count(XElement message, string name) =>
        long.TryParse(Value(message, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 0;

    public static DateTimeOffset? Time(XElement message, string name) =>
        message.Element(name)?.Value is { Length: > 0 } text ? ParseTime(text) : null;

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
