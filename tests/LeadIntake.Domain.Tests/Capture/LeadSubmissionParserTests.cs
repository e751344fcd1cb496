using LeadIntake.Domain.Capture;

namespace LeadIntake.Domain.Tests.Capture;

public partial class LeadSubmissionParserTests
{
    [Fact]
    public void Parse_FullForm_NormalisesEveryField()
    {
        var result = TestLeads.Parse(
            ("email", "  Ana.Lopez@Example.COM "),
            ("first_name", "  Ana \t Maria "),
            ("lastName", "López"),
            ("Company", "Acme\u200B GmbH"),
            ("job_title", "Head of Marketing"),
            ("phone", "+49 (30) 123-4567"),
            ("country", "Germany"),
            ("message", "Hello,\r\n\r\n\r\nwe need a demo.\u0007  "),
            ("consent_marketing", "on"),
            ("contactRequested", "yes"),
            ("form_id", "demo-request"),
            ("pageUrl", "https://www.example.com/demo?utm_source=Google&utm_medium=CPC&utm_campaign=Spring"));

        Assert.True(result.IsValid);
        var s = result.Value;
        Assert.Equal("Ana.Lopez@example.com", s.Email);
        Assert.Equal(TestLeads.Identity.LeadIdFor("ana.lopez@example.com"), s.LeadId);
        Assert.Equal("Ana Maria", s.FirstName);
        Assert.Equal("López", s.LastName);
        Assert.Equal("Acme GmbH", s.Company);                        // zero-width space dropped
        Assert.Equal("Head of Marketing", s.JobTitle);
        Assert.Equal("+49 (30) 123-4567", s.Phone);
        Assert.Equal("Germany", s.Country);
        Assert.Equal("Hello,\n\nwe need a demo.", s.Message);        // \r\n → \n, 3 blank lines → 1, BEL dropped
        Assert.True(s.ConsentMarketing);
        Assert.True(s.ContactRequested);
        Assert.Equal("demo-request", s.FormId);
        Assert.Equal(new UtmParameters("google", "cpc", "Spring", null, null, null, null), s.Utm);
        Assert.Equal(TestLeads.T0, s.ReceivedAt);
        Assert.Equal("Mozilla/5.0 (test)", s.UserAgent);
        Assert.Equal(TestLeads.Identity.HashClientIp("203.0.113.7"), s.ClientIpHash);
        Assert.True(LeadSubmissionParser.IsSubmissionId(s.SubmissionId));
        Assert.Empty(s.CustomFields);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Parse_MissingEmail_ErrorKeyedEmail()
    {
        var result = TestLeads.Parse(("firstName", "Ana"));

        Assert.False(result.IsValid);
        Assert.Null(result.Value);
        Assert.Equal(["Enter your email address."], result.Errors["email"]);
    }

    [Theory]
    [InlineData("email")]
    [InlineData("Email")]
    [InlineData("EMAIL")]
    [InlineData("email_address")]
    public void Parse_InvalidEmail_ErrorKeyedByPostedName(string name)
    {
        var result = TestLeads.Parse((name, "not-an-email"));

        Assert.Equal(["Enter a valid email address, like name@example.com."], result.Errors[name]);
    }

    [Theory]
    [InlineData("firstName", "firstName")]
    [InlineData("first_name", "first_name")]
    [InlineData("FIRST_NAME", "FIRST_NAME")]
    [InlineData("First-Name", "First-Name")]
    public void Parse_TooLongFirstName_ErrorKeyedByPostedSpelling(string posted, string expectedKey)
    {
        var result = TestLeads.Parse(("email", "ana@example.com"), (posted, new string('a', 101)));

        // MaxNameLength default 100 (LeadCaptureLimits).
        Assert.Equal(["First name is too long: 101 characters, at most 100."], result.Errors[expectedKey]);
    }

    // Every known field under its snake_case and camelCase spellings reaches the same property.
    [Theory]
    [InlineData("first_name", "firstName")]
    [InlineData("last_name", "lastName")]
    [InlineData("job_title", "jobTitle")]
    [InlineData("form_id", "formId")]
    public void Parse_SnakeAndCamelCase_SameField(string snake, string camel)
    {
        var a = TestLeads.Parse(("email", "ana@example.com"), (snake, "X"));
        var b = TestLeads.Parse(("email", "ana@example.com"), (camel, "X"));

        Assert.Equal(
            LeadSubmissionMessage.Serialize(a.Value! with { SubmissionId = b.Value!.SubmissionId }),
            LeadSubmissionMessage.Serialize(b.Value));
        Assert.Empty(a.Value!.CustomFields);
    }

    [Theory]
    [InlineData("on", true)]
    [InlineData("true", true)]
    [InlineData("YES", true)]
    [InlineData("1", true)]
    [InlineData("checked", true)]
    [InlineData("off", false)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("0", false)]
    [InlineData("", null)]
    [InlineData("  ", null)]
    public void Parse_ConsentValues_CheckboxIsh(string value, bool? expected)
    {
        var result = TestLeads.Parse(("email", "ana@example.com"), ("consent_marketing", value), ("contactRequested", value));

        Assert.Equal(expected, result.Value!.ConsentMarketing);
        Assert.Equal(expected, result.Value.ContactRequested);
    }

    [Fact]
    public void Parse_ConsentNotPosted_Null()
    {
        var s = TestLeads.Parse(("email", "ana@example.com")).Value!;

        Assert.Null(s.ConsentMarketing);
        Assert.Null(s.ContactRequested);
    }

    [Fact]
    public void Parse_ConsentUnknownValue_ErrorExplainsValues()
    {
        var result = TestLeads.Parse(("email", "ana@example.com"), ("consentMarketing", "I agree"));

        Assert.Equal(
            ["Marketing consent must be yes or no (a checkbox sends on/true/yes/1, or off/false/no/0)."],
            result.Errors["consentMarketing"]);
    }

    [Fact]
    public void Parse_HiddenFalseThenCheckedBox_LastValueWins()
    {
        var s = TestLeads.Parse(("email", "ana@example.com"), ("consent_marketing", "false"), ("consent_marketing", "true")).Value!;

        Assert.True(s.ConsentMarketing);
    }

    [Fact]
    public void Parse_ControlFields_IgnoredNotCustom()
    {
        var s = TestLeads.Parse(("email", "ana@example.com"), ("_redirect", "https://evil.example/"), ("_ts", "123")).Value!;

        Assert.Empty(s.CustomFields);
    }

    [Fact]
    public void Parse_UnknownFields_KeptAsCustomRepeatsJoined()
    {
        var s = TestLeads.Parse(
            ("email", "ana@example.com"),
            ("budget", " 10k-50k "),
            ("interest", "analytics"),
            ("interest", "scoring"),
            ("empty", "  ")).Value!;

        Assert.Equal(2, s.CustomFields.Count);                       // empty values are not kept
        Assert.Equal("10k-50k", s.CustomFields["budget"]);
        Assert.Equal("analytics, scoring", s.CustomFields["INTEREST"]);   // names case-insensitive
    }

    [Fact]
    public void Parse_TooManyCustomFields_FormError()
    {
        // MaxCustomFields default 20: 21 distinct extra names.
        var fields = new List<(string, string?)> { ("email", "ana@example.com") };
        fields.AddRange(Enumerable.Range(1, 21).Select(i => ($"extra{i}", (string?)"x")));

        var result = TestLeads.Parse([.. fields]);

        Assert.Equal(["The form has 21 extra fields; at most 20 are accepted."], result.Errors[LeadSubmissionParser.FormErrorKey]);
    }

    [Fact]
    public void Parse_CustomFieldTooLong_ErrorKeyedByName()
    {
        var result = TestLeads.Parse(("email", "ana@example.com"), ("notes", new string('n', 1001)));

        // MaxCustomFieldLength default 1,000.
        Assert.Equal(["notes is too long: 1001 characters, at most 1000."], result.Errors["notes"]);
    }

    [Fact]
    public void Parse_MoreThan100Fields_FormError()
    {
        var fields = Enumerable.Range(0, 101).Select(i => ($"_c{i}", (string?)"x")).ToArray();

        var result = TestLeads.Parse(fields);

        Assert.Equal(["The form has 101 fields; at most 100 are accepted."], result.Errors[LeadSubmissionParser.FormErrorKey]);
    }

    [Fact]
    public void Parse_Exactly100Fields_Accepted()
    {
        var fields = new List<(string, string?)> { ("email", "ana@example.com") };
        fields.AddRange(Enumerable.Range(0, 99).Select(i => ($"_c{i}", (string?)"x")));

        Assert.True(TestLeads.Parse([.. fields]).IsValid);
    }

    [Fact]
    public void Parse_FieldNameTooLong_Error()
    {
        var name = new string('f', 65);   // MaxFieldNameLength default 64

        var result = TestLeads.Parse(("email", "ana@example.com"), (name, "x"));

        Assert.Equal(["The field name is too long: at most 64 characters."], result.Errors[name[..64]]);
    }

    [Fact]
    public void Parse_SeveralProblems_AllReportedEachUnderItsField()
    {
        var result = TestLeads.Parse(("email", "bad"), ("phone", "call me"), ("page_url", "not a url"));

        Assert.Equal(["email", "page_url", "phone"], result.Errors.Keys.Order());
    }
}
