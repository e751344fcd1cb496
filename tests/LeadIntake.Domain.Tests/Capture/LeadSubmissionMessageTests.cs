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
        // Azure Queue messages hold 64 KiB; base64 turns every 3 bytes into 4 characters, so at most 48 KiB fit.
        Assert.Equal(64 * 1024, LeadSubmissionMessage.QueueMessageMaxBytes);
        Assert.True((LeadSubmissionMessage.MaxBytes + 2) / 3 * 4 < LeadSubmissionMessage.QueueMessageMaxBytes);
        Assert.True(LeadSubmissionMessage.MaxBytes <= 48 * 1024);
    }

    [Fact]
    public void TrySerialize_AcceptedSubmission_TrueSameBytesAsSerialize()
    {
        var submission = Full();

        Assert.True(LeadSubmissionMessage.TrySerialize(submission, out var bytes));
        Assert.Equal(LeadSubmissionMessage.SerializeToUtf8Bytes(submission), bytes);
    }

    [Fact]
    public void TrySerialize_SubmissionOverMaxBytes_FalseWithTheBytes()
    {
        // Built directly, not parsed: 8,000 private-use characters are written as \uE000, 6 bytes each = 48,000 bytes.
        var submission = Full() with { Message = new string('\ue000', 8000) };

        Assert.False(LeadSubmissionMessage.TrySerialize(submission, out var bytes));
        Assert.InRange(bytes.Length, 48_000, 49_000);
        Assert.Equal(LeadSubmissionMessage.SerializeToUtf8Bytes(submission), bytes);
    }

    [Fact]
    public void Parse_GrowingFormsInWorstEscapingCharacters_AcceptedOnlyWhenTheMessageFits()
    {
        // The characters that cost most once in the message and survive TextCleaner: private use (\uE000, 6 bytes
        // per UTF-16 character, like an emoji's \uD83D\uDE00) in text, CJK (3 bytes, 1 stored character) in custom
        // fields, quotes in the message (\"). Every field at its limit does not fit MaxBytes, so the parser measures:
        // whatever it accepts must fit, whatever does not fit must be refused as too large, never anything else.
        var accepted = 0;
        var refused = 0;
        for (var tenths = 1; tenths <= 10; tenths++)
        {
            string Worst(int limit) => new('\ue000', limit * tenths / 10);
            var fields = new List<(string, string?)>
            {
                ("email", new string('a', 64) + "@" + new string('b', 60) + ".com"), ("phone", "+49 30 1234567"),
                ("firstName", Worst(100)), ("lastName", Worst(100)), ("company", Worst(200)), ("jobTitle", Worst(150)),
                ("country", Worst(100)), ("formId", Worst(100)), ("message", new string('"', 5000 * tenths / 10)),
                ("pageUrl", "https://example.com/" + Worst(2020)), ("referrer", "https://example.org/" + Worst(2020)),
                ("utm_source", Worst(250)), ("utm_medium", Worst(250)), ("utm_campaign", Worst(250)), ("utm_term", Worst(250)),
                ("utm_content", Worst(250)), ("gclid", Worst(250)), ("fbclid", Worst(250)),
            };
            fields.AddRange(Enumerable.Range(0, 20).Select(i => ($"custom{i}", (string?)new string('語', 1000 * tenths / 10))));

            var result = TestLeads.Parse([.. fields]);

            if (result.IsValid)
            {
                accepted++;
                Assert.True(LeadSubmissionMessage.TrySerialize(result.Value, out var bytes), $"{tenths}/10: {bytes.Length} bytes");
            }
            else
            {
                refused++;
                Assert.Equal([LeadSubmissionParser.FormErrorKey], result.Errors.Keys);
                Assert.StartsWith("The form is too large to accept", Assert.Single(result.Errors[LeadSubmissionParser.FormErrorKey]));
            }
        }

        Assert.True(accepted > 0 && refused > 0, $"{accepted} accepted, {refused} refused: both sides must be exercised");
    }

    [Fact]
    public void Deserialize_CustomFieldsTooLongToStore_Malformed()
    {
        var custom = new JsonObject();
        for (var i = 0; i < 20; i++)
        {
            custom[$"f{i}"] = new string('"', 1000);
        }

        var json = Mutate(m => m["customFields"] = custom);

        // 40,171 characters once stored (see LeadSubmissionParserTests: 20 fields of 1,000 quotes).
        var e = Assert.Throws<MalformedMessageException>(() => LeadSubmissionMessage.Deserialize(json));
        Assert.Equal(MalformedMessageReason.InvalidSubmission, e.Reason);
        Assert.Contains("customFields: 40171 characters once stored, at most 30000", e.Message);
    }

    private static string Mutate(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(LeadSubmissionMessage.Serialize(TestLeads.Submit(TestLeads.T0, ("email", "Ana@example.com"))))!.AsObject();
        node["email"] = "ana@example.com";
        change(node);
        return node.ToJsonString();
    }
    [Fact]
    public void SerializeDeserialize_ConsentVersion_RoundTrips()
    {
        var original = TestLeads.Submit(TestLeads.T0, ("email", "ana@example.com"), ("consentMarketing", "yes")) with { ConsentVersion = "privacy-2026-11" };

        var json = LeadSubmissionMessage.Serialize(original);

        var read = LeadSubmissionMessage.Deserialize(json);

        Assert.Equal("privacy-2026-11", (string)JsonNode.Parse(json)!["consentVersion"]!);
        Assert.Equal(original with { CustomFields = read.CustomFields }, read);
    }

    [Fact]
    public void Deserialize_MessageWrittenBeforeConsentVersion_ReadsWithoutIt()
    {
        // A version-1 message as the build before consentVersion wrote it (no such field).
        var json = JsonNode.Parse(LeadSubmissionMessage.Serialize(Full() with { ConsentMarketing = true, ConsentVersion = "v1" }))!.AsObject();
        json.Remove("consentVersion");

        var read = LeadSubmissionMessage.Deserialize(json.ToJsonString());

        Assert.True(read.ConsentMarketing);
        Assert.Null(read.ConsentVersion);
    }

    [Theory]
    [InlineData(" v1", "consentVersion: not normalised")]
    [InlineData("v1\\u0007", "consentVersion: not normalised")]   // a control character, JSON-escaped
    public void Deserialize_ConsentVersionNotNormalised_MalformedNamesField(string value, string expected)
    {
        var json = LeadSubmissionMessage.Serialize(Full()).Replace("\"version\":1,", $"\"version\":1,\"consentVersion\":\"{value}\",", StringComparison.Ordinal);

        var e = Assert.Throws<MalformedMessageException>(() => LeadSubmissionMessage.Deserialize(json));

        Assert.Equal(MalformedMessageReason.InvalidSubmission, e.Reason);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Deserialize_ConsentVersionTooLong_Malformed()
    {
        var original = Full() with { ConsentMarketing = true, ConsentVersion = new string('v', LeadCaptureLimits.Default.MaxConsentVersionLength + 1) };

        var e = Assert.Throws<MalformedMessageException>(() => LeadSubmissionMessage.Deserialize(LeadSubmissionMessage.Serialize(original)));

        Assert.Contains("consentVersion: Consent version is too long: 101 characters, at most 100.", e.Message);
    }
}
