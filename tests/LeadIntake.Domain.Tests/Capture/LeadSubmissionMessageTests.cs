using System.Text;
using System.Text.Json.Nodes;
using LeadIntake.Domain.Capture;

namespace LeadIntake.Domain.Tests.Capture;

public class LeadSubmissionMessageTests
{
    private static LeadSubmission Full() => TestLeads.Submit(
        TestLeads.T0,
        ("email", "Ana@Example.com"), ("firstName", "Ana"), ("lastName", "Łopez"), ("company", "Acme"),
        ("jobTitle", "CTO"), ("phone", "+49 30 1234567"), ("country", "DE"), ("message", "line 1\nline \"2\""),
        ("consentMarketing", "no"), ("contactRequested", "yes"), ("formId", "demo"), ("budget", "50k"),
        ("pageUrl", "https://example.com/?utm_source=google&utm_medium=cpc&gclid=g1"), ("referrer", "https://www.google.com/"));

    [Fact]
    public void SerializeDeserialize_FullSubmission_RoundTrips()
    {
        var original = Full();

        var json = LeadSubmissionMessage.Serialize(original);
        var read = LeadSubmissionMessage.Deserialize(json);

        Assert.Equal(json, LeadSubmissionMessage.Serialize(read));
        Assert.Equal(original.CustomFields, read.CustomFields);
        Assert.Equal(original with { CustomFields = read.CustomFields }, read);
    }

    [Fact]
    public void Serialize_Format_VersionedCamelCaseNullsOmitted()
    {
        var json = JsonNode.Parse(LeadSubmissionMessage.Serialize(TestLeads.Submit(TestLeads.T0, ("email", "ana@example.com"))))!.AsObject();

        Assert.Equal(1, (int)json["version"]!);
        Assert.Equal("ana@example.com", (string)json["email"]!);
        Assert.Equal("2026-11-22T09:00:00+00:00", (string)json["receivedAt"]!);
        Assert.False(json.ContainsKey("firstName"));
        Assert.False(json.ContainsKey("utm"));
    }

    [Fact]
    public void Serialize_NonAscii_WrittenAsUtf8NotEscaped()
    {
        var json = LeadSubmissionMessage.Serialize(Full());

        Assert.Contains("Łopez", json);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"version\":1,")]
    [InlineData("[1,2]")]
    [InlineData("{\"version\":\"one\"}")]
    public void Deserialize_NotJson_MalformedInvalidJson(string text)
    {
        var e = Assert.Throws<MalformedMessageException>(() => LeadSubmissionMessage.Deserialize(text));

        Assert.Equal(MalformedMessageReason.InvalidJson, e.Reason);
    }

    [Fact]
    public void Deserialize_Null_MalformedInvalidJson()
    {
        Assert.Equal(MalformedMessageReason.InvalidJson, Assert.Throws<MalformedMessageException>(() => LeadSubmissionMessage.Deserialize("null")).Reason);
    }

    [Theory]
    [InlineData(2, "version 2")]
    [InlineData(0, "no version")]
    public void Deserialize_UnknownVersion_MalformedSaysWhich(int version, string expected)
    {
        var json = Mutate(m => m["version"] = version);

        var e = Assert.Throws<MalformedMessageException>(() => LeadSubmissionMessage.Deserialize(json));

        Assert.Equal(MalformedMessageReason.UnsupportedVersion, e.Reason);
        Assert.Contains(expected, e.Message);
        Assert.Contains("reads version 1", e.Message);
    }

    [Theory]
    [InlineData("email", "not-an-email", "email: Enter a valid email address")]
    [InlineData("email", "Ana@EXAMPLE.com", "email: not normalised")]
    [InlineData("leadId", "ld_nope", "leadId")]
    [InlineData("submissionId", "x", "submissionId")]
    [InlineData("firstName", "  Ana  ", "firstName: not normalised")]
    [InlineData("phone", "call me", "phone: Enter a phone number")]
    [InlineData("pageUrl", "javascript:alert(1)", "pageUrl: Page URL must be a full web address")]
    [InlineData("clientIpHash", "203.0.113.7", "clientIpHash")]
    [InlineData("referer", "not a url", "referer: Referer must be a full web address")]
    public void Deserialize_InvalidField_MalformedNamesField(string field, string value, string expected)
    {
        var json = Mutate(m => m[field] = value);

        var e = Assert.Throws<MalformedMessageException>(() => LeadSubmissionMessage.Deserialize(json));

        Assert.Equal(MalformedMessageReason.InvalidSubmission, e.Reason);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("email")]
    [InlineData("receivedAt")]
    [InlineData("leadId")]
    public void Deserialize_MissingRequired_Malformed(string field)
    {
        var json = Mutate(m => m.Remove(field));

        var e = Assert.Throws<MalformedMessageException>(() => LeadSubmissionMessage.Deserialize(json));

        Assert.Equal(MalformedMessageReason.InvalidSubmission, e.Reason);
    }

    [Fact]
    public void Deserialize_MessageTooLong_Malformed()
    {
        var json = Mutate(m => m["message"] = new string('m', 5001));

        Assert.Contains("message: Message is too long", Assert.Throws<MalformedMessageException>(() => LeadSubmissionMessage.Deserialize(json)).Message);
    }

    [Fact]
    public void Deserialize_CustomFieldNamedLikeKnownOrControl_Malformed()
    {
        var json = Mutate(m => m["customFields"] = new JsonObject { ["_redirect"] = "x", ["first_name"] = "y" });

        var e = Assert.Throws<MalformedMessageException>(() => LeadSubmissionMessage.Deserialize(json));

        Assert.Contains("'_redirect'", e.Message);
        Assert.Contains("'first_name'", e.Message);
    }

    [Fact]
    public void Deserialize_UnknownExtraProperty_Ignored()
    {
        var json = Mutate(m => m["addedLater"] = "value");

        Assert.Equal("ana@example.com", LeadSubmissionMessage.Deserialize(json).Email);
    }

    [Fact]
    public void Parse_FormOverMaxBytes_RefusedAsTooLarge()
    {
        // Every known field at its limit, 20 custom fields of 1,000 characters, all in a 3-byte UTF-8 script
        // (worst case for size): the parser must either accept it under MaxBytes or refuse it as too large.
        var cjk = (int n) => new string('語', n);
        var fields = new List<(string, string?)>
        {
            ("email", new string('a', 64) + "@" + new string('b', 60) + ".com"), ("firstName", cjk(100)), ("lastName", cjk(100)),
            ("company", cjk(200)), ("jobTitle", cjk(150)), ("country", cjk(100)), ("message", cjk(5000)), ("formId", cjk(100)),
            ("pageUrl", "https://example.com/" + new string('p', 2000)), ("referrer", "https://example.org/" + new string('r', 2000)),
            ("utm_source", cjk(250)), ("utm_medium", cjk(250)), ("utm_campaign", cjk(250)), ("utm_term", cjk(250)),
            ("utm_content", cjk(250)), ("gclid", cjk(250)), ("fbclid", cjk(250)), ("phone", "+49 30 1234567"),
        };
        fields.AddRange(Enumerable.Range(0, 20).Select(i => ($"custom{i}", (string?)cjk(1000))));

        var result = TestLeads.Parse([.. fields]);

        Assert.False(result.IsValid);
        Assert.StartsWith("The form is too large to accept", result.Errors[LeadSubmissionParser.FormErrorKey][0]);
    }

    [Fact]
    public void Serialize_LargeButAcceptedForm_UnderMaxBytes()
    {
        // 5,000-character message of 3-byte characters plus 10 custom fields of 1,000 ASCII characters: ≈ 25 KiB.
        var fields = new List<(string, string?)> { ("email", "ana@example.com"), ("message", new string('語', 5000)) };
        fields.AddRange(Enumerable.Range(0, 10).Select(i => ($"custom{i}", (string?)new string('c', 1000))));

        var result = TestLeads.Parse([.. fields]);

        Assert.True(result.IsValid);
        var bytes = LeadSubmissionMessage.SerializeToUtf8Bytes(result.Value).Length;
        Assert.InRange(bytes, 25_000, LeadSubmissionMessage.MaxBytes);
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(LeadSubmissionMessage.Serialize(result.Value)));
    }

    [Fact]
    public void MaxBytes_Base64Encoded_FitsQueueLimit()
    {
        // Azure Queue messages hold 64 KiB; base64 turns every 3 bytes into 4 characters.
        Assert.True((LeadSubmissionMessage.MaxBytes + 2) / 3 * 4 < 64 * 1024);
    }

    private static string Mutate(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(LeadSubmissionMessage.Serialize(TestLeads.Submit(TestLeads.T0, ("email", "Ana@example.com"))))!.AsObject();
        node["email"] = "ana@example.com";
        change(node);
        return node.ToJsonString();
    }
}
