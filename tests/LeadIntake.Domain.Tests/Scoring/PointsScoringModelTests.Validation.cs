using LeadIntake.Domain.Scoring;

namespace LeadIntake.Domain.Tests.Scoring;

public partial class PointsScoringModelTests
{
    private const string GoodRule = """{ "feature": "email_class", "equals": "corporate", "points": 10 }""";

    public static TheoryData<string, string, string> InvalidFiles() => new()
    {
        // file, expected path, expected words in the problem
        { "not json", "$", "not valid JSON" },
        { "[]", "$", "must be a JSON object" },
        { Model("""{ "feature": "emailClass", "equals": "corporate", "points": 10 }"""), "$.rules[0].feature", "unknown feature 'emailClass'; known features: email_class" },
        { Model(GoodRule + """, { "feature": "seniority", "equals": "vp", "points": 1 }"""), "$.rules[1].feature", "unknown feature 'seniority'" },
        { Model(GoodRule, extra: "\n\"treshold\": 3,"), "$.treshold", "unknown property" },
        { Model(GoodRule).Replace("\"version\": \"test-v1\",", ""), "$.version", "is required" },
        { Model(GoodRule).Replace("test-v1", "test v1"), "$.version", "letters, digits" },
        { Model(GoodRule).Replace("test-v1", ""), "$.version", "must not be empty" },
        { Model("""{ "feature": "email_class", "equals": "corporate", "in": ["role"], "points": 10 }"""), "$.rules[0]", "exactly one of" },
        { Model("""{ "feature": "email_class", "points": 10 }"""), "$.rules[0]", "exactly one of" },
        { Model("""{ "feature": "email_class", "atLeast": 3, "points": 10 }"""), "$.rules[0].atLeast", "categorical" },
        { Model("""{ "feature": "has_phone", "equals": "yes", "points": 10 }"""), "$.rules[0].equals", "numeric; expected a number" },
        { Model("""{ "feature": "email_class", "equals": 1, "points": 10 }"""), "$.rules[0].equals", "categorical; expected a string" },
        { Model("""{ "feature": "email_class", "in": [], "points": 10 }"""), "$.rules[0].in", "non-empty array" },
        { Model("""{ "feature": "email_class", "in": ["role", null], "points": 10 }"""), "$.rules[0].in[1]", "expected a string" },
        { Model("""{ "feature": "email_class", "equals": "role", "points": 1.5 }"""), "$.rules[0].points", "whole number" },
        { Model("""{ "feature": "email_class", "equals": "role", "points": 500 }"""), "$.rules[0].points", "outside -100–100" },
        { Model("""{ "feature": "email_class", "equals": "role" }"""), "$.rules[0].points", "is required" },
        { Model("""{ "feature": "email_class", "equals": "role", "point": 5 }"""), "$.rules[0].point", "unknown property" },
        { Model(""), "$.rules", "non-empty array" },
        { Model(GoodRule, extra: "\n\"thresholds\": { \"mql\": 40, \"sql\": 70 },"), "$.thresholds", "decided by the qualification policy" },
        { Model(GoodRule, grades: """{ "A": 40, "B": 45, "C": 25 }"""), "$.grades", "A > B > C" },
        { Model(GoodRule, grades: """{ "A": 70, "B": 45, "C": 25, "D": 0 }"""), "$.grades.D", "unknown property" },
        { Model(GoodRule, baseline: 101), "$.baseline", "outside -100–100" },
    };

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void Parse_InvalidFile_ErrorNamesPathAndProblem(string json, string path, string problem)
    {
        var e = Assert.Throws<ScoringModelFormatException>(() => PointsScoringModel.Parse(json));

        Assert.Equal(path, e.Path);
        Assert.Contains(problem, e.Problem);
        Assert.StartsWith($"Invalid scoring model at {path}: ", e.Message);
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_Accepted()
    {
        var model = PointsScoringModel.Parse(Model(GoodRule + ", // a note for marketers\n"));

        Assert.Single(model.Rules);
    }

    [Fact]
    public void Parse_RuleNote_Kept()
    {
        var model = PointsScoringModel.Parse(Model("""{ "feature": "has_phone", "equals": true, "points": 10, "note": "gave a phone" }"""));

        Assert.Equal(new PointsRule("has_phone", PointsCondition.Equals, model.Rules[0].Values, 10, "gave a phone"), model.Rules[0]);
        Assert.Equal([1d], model.Rules[0].Values);   // true is read as 1
    }
}
