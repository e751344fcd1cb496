using System.Text.Json;

namespace LeadIntake.Domain.Scoring;

/// <summary>Strict reader of the points model JSON: every problem is reported with its path.</summary>
internal static class PointsScoringModelReader
{
    private static readonly string[] _topLevel = ["version", "description", "baseline", "grades", "rules"];
    private static readonly string[] _ruleProperties = ["feature", "equals", "in", "atLeast", "points", "note"];

    public static PointsScoringModel Read(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("thresholds", out _))
        {
            throw new ScoringModelFormatException(
                "$.thresholds", "when a lead is an MQL or an SQL is decided by the qualification policy (qualification-policy.json: mql, sqlFastTrack), not the scoring model; remove this section");
        }

        RequireObject(root, "$", _topLevel);
        var version = RequireString(root, "version", "$.version");
        if (version.Length > 64 || version.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw new ScoringModelFormatException("$.version", "use at most 64 letters, digits, '-', '_' or '.' (e.g. \"points-v1\")");
        }

        var description = root.TryGetProperty("description", out var d) ? ReadString(d, "$.description") : null;
        var baseline = root.TryGetProperty("baseline", out var b) ? ReadInt(b, "$.baseline", -100, 100) : 0;

        var gradesElement = Require(root, "grades", "$.grades");
        RequireObject(gradesElement, "$.grades", ["A", "B", "C"]);
        var a = ReadInt(Require(gradesElement, "A", "$.grades.A"), "$.grades.A", 0, 100);
        var bGrade = ReadInt(Require(gradesElement, "B", "$.grades.B"), "$.grades.B", 0, 100);
        var c = ReadInt(Require(gradesElement, "C", "$.grades.C"), "$.grades.C", 0, 100);
        if (!(a > bGrade && bGrade > c))
        {
            throw new ScoringModelFormatException("$.grades", $"cut-offs must fall from A to C (A > B > C); they are {a}, {bGrade}, {c}");
        }

        var rulesElement = Require(root, "rules", "$.rules");
        if (rulesElement.ValueKind != JsonValueKind.Array || rulesElement.GetArrayLength() == 0)
        {
            throw new ScoringModelFormatException("$.rules", "must be a non-empty array of rules");
        }

        var rules = rulesElement.EnumerateArray().Select((rule, i) => ReadRule(rule, $"$.rules[{i}]")).ToArray();
        return PointsScoringModel.Create(version, description, baseline, new GradeCutoffs(a, bGrade, c), rules);
    }

    private static PointsRule ReadRule(JsonElement rule, string path)
    {
        RequireObject(rule, path, _ruleProperties);
        var feature = RequireString(rule, "feature", path + ".feature");
        if (!LeadFeatureNames.IsKnown(feature))
        {
            throw new ScoringModelFormatException(
                path + ".feature", $"unknown feature '{feature}'; known features: {string.Join(", ", LeadFeatureNames.All)}");
        }

        var numeric = LeadFeatureNames.IsNumeric(feature);
        var conditions = new[] { "equals", "in", "atLeast" }.Where(n => rule.TryGetProperty(n, out _)).ToArray();
        if (conditions.Length != 1)
        {
            throw new ScoringModelFormatException(path, "give exactly one of \"equals\", \"in\" or \"atLeast\"");
        }

        var condition = conditions[0];
        var conditionPath = $"{path}.{condition}";
        var element = rule.GetProperty(condition);
        (PointsCondition Kind, object?[] Values) parsed = condition switch
        {
            "equals" => (PointsCondition.Equals, [ReadValue(element, conditionPath, feature, numeric, allowNull: true)]),
            "in" => (PointsCondition.In, ReadList(element, conditionPath, feature, numeric)),
            _ => (PointsCondition.AtLeast, [numeric
                ? ReadValue(element, conditionPath, feature, numeric: true, allowNull: false)
                : throw new ScoringModelFormatException(conditionPath, $"'{feature}' is categorical; \"atLeast\" needs a numeric feature")]),
        };

        var points = ReadInt(Require(rule, "points", path + ".points"), path + ".points", -100, 100);
        var note = rule.TryGetProperty("note", out var n) ? ReadString(n, path + ".note") : null;
        return new PointsRule(feature, parsed.Kind, parsed.Values, points, note);
    }

    private static object?[] ReadList(JsonElement element, string path, string feature, bool numeric)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            throw new ScoringModelFormatException(path, "must be a non-empty array");
        }

        return [.. element.EnumerateArray().Select((e, i) => ReadValue(e, $"{path}[{i}]", feature, numeric, allowNull: false))];
    }

    private static object? ReadValue(JsonElement element, string path, string feature, bool numeric, bool allowNull)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null when allowNull:
                return null;
            case JsonValueKind.Number when numeric:
                return element.GetDouble();
            case JsonValueKind.True or JsonValueKind.False when numeric:
                return element.ValueKind == JsonValueKind.True ? 1d : 0d;
            case JsonValueKind.String when !numeric:
                return element.GetString();
            default:
                var expected = numeric ? "a number (or true/false)" : "a string";
                throw new ScoringModelFormatException(path, $"'{feature}' is {(numeric ? "numeric" : "categorical")}; expected {expected}, found {element.ValueKind}");
        }
    }

    private static void RequireObject(JsonElement element, string path, string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ScoringModelFormatException(path, $"must be a JSON object, found {element.ValueKind}");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new ScoringModelFormatException(
                    $"{path}.{property.Name}", $"unknown property; allowed here: {string.Join(", ", allowed)}");
            }
        }
    }

    private static JsonElement Require(JsonElement element, string name, string path) =>
        element.TryGetProperty(name, out var value) ? value : throw new ScoringModelFormatException(path, "is required");

    private static string RequireString(JsonElement element, string name, string path) =>
        ReadString(Require(element, name, path), path) is { Length: > 0 } text
            ? text
            : throw new ScoringModelFormatException(path, "must not be empty");

    private static string ReadString(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String
            ? element.GetString()!.Trim()
            : throw new ScoringModelFormatException(path, $"must be a string, found {element.ValueKind}");

    private static int ReadInt(JsonElement element, string path, int min, int max)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
        {
            throw new ScoringModelFormatException(path, $"must be a whole number between {min} and {max}");
        }

        return value >= min && value <= max
            ? value
            : throw new ScoringModelFormatException(path, $"{value} is outside {min}–{max}");
    }
}
