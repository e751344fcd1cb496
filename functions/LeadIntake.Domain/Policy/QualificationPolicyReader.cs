using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Kpis;
using LeadIntake.Domain.Scoring;
using LeadIntake.Domain.Sla;

namespace LeadIntake.Domain.Policy;

/// <summary>Strict reader of the qualification policy JSON: every problem is reported with its JSON path.</summary>
/// <remarks>
/// Format (the shape of <c>qualification-policy.json</c>; required unless marked optional):
/// <code>
/// { "version": "policy-2026-12",                       // ≤ 64 letters, digits, '-', '_', '.'
///   "description": "…", "signedBy": ["…"],               // optional
///   "engagement": { "halfLife": "30d", "capPeriod": "7d",
///                   "events": { "&lt;snake_case type&gt;": { "points": -100..100, "maxPerPeriod": ≥ 1 } } },
///   "mql": [ rule, … ],                                    // at least one
///   "sqlFastTrack": [ rule, … ],                           // may be empty
///   "disqualify": [ { "signal": "&lt;signal code&gt;", "reason": "&lt;reason code&gt;" } ],
///   "competitorDomains": ["…"], "studentDomainSuffixes": [".edu"],   // optional, lower-cased
///   "nurturePeriod": "24h",                                // "0h" hands over at once
///   "handoff": { "stage": "SAL" | "SQL",
///                "routing": { "mode": "none" | "even" | "by_country", "owners": ["…"],
///                             "byCountry": { "&lt;country&gt;": "&lt;owner&gt;" }, "defaultOwner": "…" } },
///   "sla": { "timeZone": "Europe/Berlin",                 // IANA id (a Windows id only where the system maps it)
///            "workingDays": ["Mon", …], "workingHours": { "start": "09:00", "end": "17:00" },
///            "holidays": ["2026-12-25"], "firstResponse": "1h",
///            "followUps": { "count": ≥ 0, "within": "5d", "minSpacing": "4h" },
///            "whenFollowUpsExhausted": { "moveTo": "Nurture" | "Disqualified", "reason": "&lt;reason code&gt;" } },
///   "recycle": { "rejectedMoveTo": "Nurture" | "MQL", "lostToNurtureAfter": "90d" | null },
///   "kpis": { "goals": { "period": "month" | "week", "leads": n, "mqls": n, "sals": n, "sqls": n, "opportunities": n, "won": n },
///             "mqlToSqlBand": { "low": 0.1, "high": 0.5 } } }   // optional, as are all its parts
/// rule = { "rule": "&lt;unique name&gt;", "fitAtLeast": 0..100, "gradeIn": ["A".."D"], "engagementAtLeast": n,
///          "signalsAny": ["&lt;signal code&gt;"], "eventsAny": ["&lt;engagement event type&gt;"], "eventsWithin": "30d",
///          "featureIn": { "&lt;feature&gt;": ["&lt;value as text&gt;"] } }   // at least one condition
/// </code>
/// Durations: a number and a unit <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c>. Inside <c>sla</c> they are business time and
/// <c>d</c> is one working day (<see cref="BusinessHours.WorkingDayLength"/>); elsewhere <c>d</c> is 24 hours.
/// Version history: the format has no version field of its own; <c>version</c> names the agreement. First format: December 2026.
/// </remarks>
internal static partial class QualificationPolicyReader
{
    private const int MaxNameLength = 64;
    private const int MaxOwnerLength = 100;

    private static readonly string[] _topLevel =
    [
        "version", "description", "signedBy", "engagement", "mql", "sqlFastTrack", "disqualify", "competitorDomains",
        "studentDomainSuffixes", "nurturePeriod", "handoff", "sla", "recycle", "kpis",
    ];

    private static readonly (string Name, FunnelStage Stage)[] _goalStages =
    [
        ("leads", FunnelStage.Lead), ("mqls", FunnelStage.MarketingQualified), ("sals", FunnelStage.SalesAccepted),
        ("sqls", FunnelStage.SalesQualified), ("opportunities", FunnelStage.Opportunity), ("won", FunnelStage.Won),
    ];

    private static readonly string[] _ruleConditions =
        ["fitAtLeast", "gradeIn", "engagementAtLeast", "signalsAny", "eventsAny", "featureIn"];

    private static readonly string[] _ruleProperties = ["rule", .. _ruleConditions, "eventsWithin"];
    private static readonly string[] _grades = ["A", "B", "C", "D"];

    private static readonly (string Code, RoutingMode Mode)[] _routingModes =
        [("none", RoutingMode.None), ("even", RoutingMode.Even), ("by_country", RoutingMode.ByCountry)];

    private static readonly (string Code, DayOfWeek Day)[] _weekdays =
    [
        ("Mon", DayOfWeek.Monday), ("Tue", DayOfWeek.Tuesday), ("Wed", DayOfWeek.Wednesday), ("Thu", DayOfWeek.Thursday),
        ("Fri", DayOfWeek.Friday), ("Sat", DayOfWeek.Saturday), ("Sun", DayOfWeek.Sunday),
    ];

    private static readonly TimeSpan _calendarDay = TimeSpan.FromDays(1);

    public static QualificationPolicy Read(JsonElement root)
    {
        RequireObject(root, "$", _topLevel);
        var version = RequireString(root, "version", "$.version");
        if (!IsName(version))
        {
            throw Error("$.version", "use at most 64 letters, digits, '-', '_' or '.' (e.g. \"policy-2026-12\")");
        }

        var description = TryGet(root, "description", out var d) && d.ValueKind != JsonValueKind.Null ? ReadString(d, "$.description") : null;
        var signedBy = TryGet(root, "signedBy", out var s) ? ReadStrings(s, "$.signedBy") : [];
        var engagement = ReadEngagement(Require(root, "engagement", "$.engagement"), "$.engagement");

        var ruleNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var mql = ReadRules(Require(root, "mql", "$.mql"), "$.mql", allowEmpty: false, engagement, ruleNames);
        var fastTrack = ReadRules(Require(root, "sqlFastTrack", "$.sqlFastTrack"), "$.sqlFastTrack", allowEmpty: true, engagement, ruleNames);
        var disqualify = ReadDisqualify(Require(root, "disqualify", "$.disqualify"), "$.disqualify");
        var competitors = TryGet(root, "competitorDomains", out var c) ? ReadDomains(c, "$.competitorDomains") : [];
        var students = TryGet(root, "studentDomainSuffixes", out var st) ? ReadDomains(st, "$.studentDomainSuffixes") : [];
        var nurture = ReadDuration(Require(root, "nurturePeriod", "$.nurturePeriod"), "$.nurturePeriod", allowZero: true, _calendarDay);
        var handoff = ReadHandoff(Require(root, "handoff", "$.handoff"), "$.handoff");
        var sla = ReadSla(Require(root, "sla", "$.sla"), "$.sla");
        var recycle = ReadRecycle(Require(root, "recycle", "$.recycle"), "$.recycle");
        var (goals, band) = TryGet(root, "kpis", out var k) ? ReadKpis(k, "$.kpis") : (FunnelGoals.None, ConversionBand.Default);

        return new QualificationPolicy
        {
            Version = version,
            Description = description,
            SignedBy = signedBy,
            Engagement = engagement,
            MarketingQualified = mql,
            SalesQualifiedFastTrack = fastTrack,
            Disqualify = disqualify,
            CompetitorDomains = new ReadOnlySet<string>(new HashSet<string>(competitors, StringComparer.Ordinal)),
            StudentDomainSuffixes = students,
            NurturePeriod = nurture,
            Handoff = handoff,
            Sla = sla,
            Recycle = recycle,
            Goals = goals,
            MqlToSqlBand = band,
        };
    }

    private static (FunnelGoals Goals, ConversionBand Band) ReadKpis(JsonElement element, string path)
    {
        RequireObject(element, path, ["goals", "mqlToSqlBand"]);
        var goals = FunnelGoals.None;
        if (TryGet(element, "goals", out var g))
        {
            var goalsPath = path + ".goals";
            RequireObject(g, goalsPath, ["period", .. _goalStages.Select(s => s.Name)]);
            var period = ReadKnown(Require(g, "period", goalsPath + ".period"), goalsPath + ".period", "goal period", ["week", "month"],
                code => code is "week" or "month", code => code == "week" ? GoalPeriod.Week : GoalPeriod.Month);
            var volumes = new Dictionary<FunnelStage, int>();
            foreach (var (name, stage) in _goalStages)
            {
                if (TryGet(g, name, out var v))
                    volumes[stage] = ReadInt(v, $"{goalsPath}.{name}", 0, int.MaxValue);
            }

            goals = new FunnelGoals(period, volumes.AsReadOnly());
        }

        var band = ConversionBand.Default;
        if (TryGet(element, "mqlToSqlBand", out var b))
        {
            var bandPath = path + ".mqlToSqlBand";
            RequireObject(b, bandPath, ["low", "high"]);
            var low = ReadShare(Require(b, "low", bandPath + ".low"), bandPath + ".low");
            var high = ReadShare(Require(b, "high", bandPath + ".high"), bandPath + ".high");
            band = low < high ? new ConversionBand(low, high) : throw Error(bandPath, $"low {low} must be below high {high}");
        }

        return (goals, band);
    }

    private static double ReadShare(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var value) && value is >= 0 and <= 1
            ? value
            : throw Error(path, "must be a share between 0 and 1 (0.25 is 25 %)");

    private static EngagementPolicy ReadEngagement(JsonElement element, string path)
    {
        RequireObject(element, path, ["halfLife", "capPeriod", "events"]);
        var halfLife = ReadDuration(Require(element, "halfLife", path + ".halfLife"), path + ".halfLife", allowZero: false, _calendarDay);
        var capPeriod = ReadDuration(Require(element, "capPeriod", path + ".capPeriod"), path + ".capPeriod", allowZero: false, _calendarDay);

        var eventsPath = path + ".events";
        var eventsElement = Require(element, "events", eventsPath);
        RequireObject(eventsElement, eventsPath, allowed: null);
        var events = new Dictionary<string, EventPoints>(StringComparer.Ordinal);
        foreach (var property in eventsElement.EnumerateObject())
        {
            var eventPath = Child(eventsPath, property.Name);
            if (!IsSnakeCase(property.Name))
            {
                throw Error(eventPath, $"event type '{property.Name}' must be snake_case: 1–64 of a–z, 0–9 and '_', starting with a letter (e.g. \"email_open\")");
            }

            RequireObject(property.Value, eventPath, ["points", "maxPerPeriod"]);
            var points = ReadInt(Require(property.Value, "points", eventPath + ".points"), eventPath + ".points", -100, 100);
            var max = ReadInt(Require(property.Value, "maxPerPeriod", eventPath + ".maxPerPeriod"), eventPath + ".maxPerPeriod", 1, int.MaxValue);
            events.Add(property.Name, new EventPoints(points, max));
        }

        return new EngagementPolicy(halfLife, capPeriod, events.AsReadOnly());
    }

    private static ReadOnlyCollection<QualificationRule> ReadRules(
        JsonElement element, string path, bool allowEmpty, EngagementPolicy engagement, Dictionary<string, string> names)
    {
        var rules = new List<QualificationRule>();
        foreach (var (rule, rulePath) in ReadArray(element, path, allowEmpty))
        {
            rules.Add(ReadRule(rule, rulePath, engagement, names));
        }

        return rules.AsReadOnly();
    }

    private static QualificationRule ReadRule(JsonElement element, string path, EngagementPolicy engagement, Dictionary<string, string> names)
    {
        RequireObject(element, path, _ruleProperties);
        var name = RequireString(element, "rule", path + ".rule");
        if (!IsName(name))
        {
            throw Error(path + ".rule", $"rule name '{name}' must be at most 64 letters, digits, '-', '_' or '.' (e.g. \"fit-and-engaged\")");
        }

        if (!names.TryAdd(name, path))
        {
            throw Error(path + ".rule", $"rule name '{name}' is already used at {names[name]}; every rule needs its own name");
        }

        if (!_ruleConditions.Any(condition => TryGet(element, condition, out _)))
        {
            throw Error(path, $"give at least one condition: {string.Join(", ", _ruleConditions)}");
        }

        var rule = new QualificationRule(name);
        if (TryGet(element, "fitAtLeast", out var fit))
        {
            rule = rule with { FitAtLeast = ReadInt(fit, path + ".fitAtLeast", 0, 100) };
        }

        if (TryGet(element, "gradeIn", out var grades))
        {
            rule = rule with { GradeIn = ReadSet(grades, path + ".gradeIn", (e, p) => ReadKnown(e, p, "grade", _grades, g => _grades.Contains(g), g => g)) };
        }

        if (TryGet(element, "engagementAtLeast", out var engaged))
        {
            rule = rule with { EngagementAtLeast = ReadInt(engaged, path + ".engagementAtLeast", int.MinValue, int.MaxValue) };
        }

        if (TryGet(element, "signalsAny", out var signals))
        {
            rule = rule with { SignalsAny = ReadSet(signals, path + ".signalsAny", ReadSignal) };
        }

        if (TryGet(element, "eventsAny", out var events))
        {
            var known = engagement.Events.Keys.ToArray();
            rule = rule with
            {
                EventsAny = ReadSet(events, path + ".eventsAny", (e, p) =>
                    ReadKnown(e, p, "event type", known, engagement.Events.ContainsKey, t => t, knownWhere: " (the keys of $.engagement.events)")),
            };
        }

        if (TryGet(element, "eventsWithin", out var within))
        {
            if (rule.EventsAny is null)
            {
                throw Error(path + ".eventsWithin", "only applies together with \"eventsAny\"");
            }

            rule = rule with { EventsWithin = ReadDuration(within, path + ".eventsWithin", allowZero: false, _calendarDay) };
        }

        if (TryGet(element, "featureIn", out var features))
        {
            rule = rule with { FeatureIn = ReadFeatureIn(features, path + ".featureIn") };
        }

        return rule;
    }

    private static ReadOnlyDictionary<string, IReadOnlySet<string>> ReadFeatureIn(JsonElement element, string path)
    {
        RequireObject(element, path, allowed: null);
        var features = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var featurePath = Child(path, property.Name);
            if (!LeadFeatureNames.IsKnown(property.Name))
            {
                throw Error(featurePath, $"unknown feature '{property.Name}'; known features: {string.Join(", ", LeadFeatureNames.All)}");
            }

            features.Add(property.Name, ReadSet(property.Value, featurePath, (e, p) => e.ValueKind == JsonValueKind.String
                ? e.GetString()!.Trim()
                : throw Error(p, $"must be a string (features are compared as their formatted text, e.g. \"1\" or \"corporate\"), found {e.ValueKind}")));
        }

        if (features.Count == 0)
        {
            throw Error(path, "name at least one feature");
        }

        return features.AsReadOnly();
    }

    private static ReadOnlyCollection<DisqualifyRule> ReadDisqualify(JsonElement element, string path)
    {
        var rules = new List<DisqualifyRule>();
        foreach (var (rule, rulePath) in ReadArray(element, path, allowEmpty: true))
        {
            RequireObject(rule, rulePath, ["signal", "reason"]);
            var signal = ReadSignal(Require(rule, "signal", rulePath + ".signal"), rulePath + ".signal");
            if (rules.Any(r => r.Signal == signal))
            {
                // The first rule that holds wins, so a second rule for the same signal could never apply.
                throw Error(rulePath + ".signal", $"'{LeadSignalCodes.ToCode(signal)}' is already listed; give each signal one reason");
            }

            rules.Add(new DisqualifyRule(signal, ReadReason(Require(rule, "reason", rulePath + ".reason"), rulePath + ".reason")));
        }

        return rules.AsReadOnly();
    }

    private static ReadOnlyCollection<string> ReadDomains(JsonElement element, string path)
    {
        var domains = new List<string>();
        foreach (var (item, itemPath) in ReadArray(element, path, allowEmpty: true))
        {
            var domain = ReadString(item, itemPath).ToLowerInvariant();
            if (domain.Length == 0 || domain.Any(c => char.IsWhiteSpace(c) || c == '@'))
            {
                throw Error(itemPath, $"'{domain}' is not a domain (e.g. \"rival.com\", \".edu\"): no spaces, no '@'");
            }

            if (!domains.Contains(domain))
            {
                domains.Add(domain);
            }
        }

        return domains.AsReadOnly();
    }

    private static HandoffPolicy ReadHandoff(JsonElement element, string path)
    {
        RequireObject(element, path, ["stage", "routing"]);
        var stage = ReadStage(Require(element, "stage", path + ".stage"), path + ".stage", FunnelStage.SalesAccepted, FunnelStage.SalesQualified);
        return new HandoffPolicy(stage, ReadRouting(Require(element, "routing", path + ".routing"), path + ".routing"));
    }

    private static OwnerRouting ReadRouting(JsonElement element, string path)
    {
        RequireObject(element, path, ["mode", "owners", "byCountry", "defaultOwner"]);
        var modePath = path + ".mode";
        var modeCode = RequireString(element, "mode", modePath);
        var mode = _routingModes.FirstOrDefault(m => m.Code == modeCode) is { Code: not null } found
            ? found.Mode
            : throw Error(modePath, $"unknown routing mode '{modeCode}'; known modes: {string.Join(", ", _routingModes.Select(m => m.Code))}");

        var owners = new List<string>();
        if (TryGet(element, "owners", out var ownersElement))
        {
            foreach (var (item, itemPath) in ReadArray(ownersElement, path + ".owners", allowEmpty: true))
            {
                var owner = ReadOwner(item, itemPath);
                if (owners.Contains(owner, StringComparer.OrdinalIgnoreCase))
                {
                    throw Error(itemPath, $"owner '{owner}' is listed twice; an even split would give them a double share");
                }

                owners.Add(owner);
            }
        }

        var byCountry = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (TryGet(element, "byCountry", out var byCountryElement))
        {
            RequireObject(byCountryElement, path + ".byCountry", allowed: null);
            foreach (var property in byCountryElement.EnumerateObject())
            {
                var countryPath = Child(path + ".byCountry", property.Name);
                var country = property.Name.Trim();
                if (country.Length == 0)
                {
                    throw Error(countryPath, "a country must not be empty");
                }

                if (!byCountry.TryAdd(country, ReadOwner(property.Value, countryPath)))
                {
                    throw Error(countryPath, $"country '{country}' is listed twice (countries are compared ignoring case)");
                }
            }
        }

        string? defaultOwner = null;
        if (TryGet(element, "defaultOwner", out var defaultElement) && defaultElement.ValueKind != JsonValueKind.Null)
        {
            defaultOwner = ReadOwner(defaultElement, path + ".defaultOwner");
        }

        switch (mode)
        {
            case RoutingMode.Even when owners.Count == 0:
                throw Error(path + ".owners", "mode \"even\" needs at least one owner to share leads between");
            case RoutingMode.ByCountry when byCountry.Count == 0 && defaultOwner is null:
                throw Error(path, "mode \"by_country\" needs \"byCountry\" or \"defaultOwner\"");
            case not RoutingMode.Even when owners.Count > 0:
                throw Error(path + ".owners", $"owners are only used with mode \"even\"; the mode is \"{modeCode}\"");
            case not RoutingMode.ByCountry when byCountry.Count > 0 || defaultOwner is not null:
                throw Error(path + (byCountry.Count > 0 ? ".byCountry" : ".defaultOwner"), $"only used with mode \"by_country\"; the mode is \"{modeCode}\"");
        }

        return mode == RoutingMode.None
            ? OwnerRouting.None
            : new OwnerRouting(mode, owners.AsReadOnly(), byCountry.AsReadOnly(), defaultOwner);
    }

    private static SalesSlaPolicy ReadSla(JsonElement element, string path)
    {
        RequireObject(element, path, ["timeZone", "workingDays", "workingHours", "holidays", "firstResponse", "followUps", "whenFollowUpsExhausted"]);
        var hours = ReadBusinessHours(element, path);

        // Inside the SLA, "1d" is one working day: "within 5d" means five working days, not 120 business hours.
        var day = hours.WorkingDayLength;
        var firstResponse = ReadDuration(Require(element, "firstResponse", path + ".firstResponse"), path + ".firstResponse", allowZero: false, day);

        var followUpsPath = path + ".followUps";
        var followUps = Require(element, "followUps", followUpsPath);
        RequireObject(followUps, followUpsPath, ["count", "within", "minSpacing"]);
        var count = ReadInt(Require(followUps, "count", followUpsPath + ".count"), followUpsPath + ".count", 0, int.MaxValue);
        var within = ReadDuration(Require(followUps, "within", followUpsPath + ".within"), followUpsPath + ".within", allowZero: false, day);
        var spacing = ReadDuration(Require(followUps, "minSpacing", followUpsPath + ".minSpacing"), followUpsPath + ".minSpacing", allowZero: true, day);

        var exhaustedPath = path + ".whenFollowUpsExhausted";
        var exhausted = Require(element, "whenFollowUpsExhausted", exhaustedPath);
        RequireObject(exhausted, exhaustedPath, ["moveTo", "reason"]);
        var moveTo = ReadStage(Require(exhausted, "moveTo", exhaustedPath + ".moveTo"), exhaustedPath + ".moveTo", FunnelStage.Nurture, FunnelStage.Disqualified);
        var reason = ReadReason(Require(exhausted, "reason", exhaustedPath + ".reason"), exhaustedPath + ".reason");

        return new SalesSlaPolicy(hours, firstResponse, count, within, spacing, moveTo, reason);
    }

    private static BusinessHours ReadBusinessHours(JsonElement element, string path)
    {
        var zonePath = path + ".timeZone";
        var zoneId = RequireString(element, "timeZone", zonePath);
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // Windows ids ("W. Europe Standard Time") resolve only where the system can map them: not on Linux with
            // invariant globalization, which is how the function app runs. IANA ids resolve everywhere.
            throw Error(zonePath, $"unknown time zone '{zoneId}'; use an IANA id such as \"Europe/Berlin\" or \"America/New_York\"", e);
        }

        var days = new HashSet<DayOfWeek>();
        foreach (var (item, itemPath) in ReadArray(Require(element, "workingDays", path + ".workingDays"), path + ".workingDays", allowEmpty: false))
        {
            var day = ReadKnown(item, itemPath, "weekday", _weekdays.Select(w => w.Code).ToArray(), code => _weekdays.Any(w => w.Code == code),
                code => _weekdays.First(w => w.Code == code).Day);
            if (!days.Add(day))
            {
                throw Error(itemPath, $"'{item.GetString()}' is listed twice");
            }
        }

        var hoursPath = path + ".workingHours";
        var hours = Require(element, "workingHours", hoursPath);
        RequireObject(hours, hoursPath, ["start", "end"]);
        var start = ReadTime(Require(hours, "start", hoursPath + ".start"), hoursPath + ".start", allowEndOfDay: false);
        var end = ReadTime(Require(hours, "end", hoursPath + ".end"), hoursPath + ".end", allowEndOfDay: true);
        if (start >= end)
        {
            throw Error(hoursPath, $"the start ({FormatTime(start)}) must be before the end ({FormatTime(end)})");
        }

        var holidays = new HashSet<DateOnly>();
        if (TryGet(element, "holidays", out var holidaysElement))
        {
            foreach (var (item, itemPath) in ReadArray(holidaysElement, path + ".holidays", allowEmpty: true))
            {
                var text = ReadString(item, itemPath);
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    throw Error(itemPath, $"'{text}' is not a date; write yyyy-MM-dd (e.g. \"2026-12-25\")");
                }

                if (!holidays.Add(date))
                {
                    throw Error(itemPath, $"'{text}' is listed twice");
                }
            }
        }

        try
        {
            return new BusinessHours(zone, new ReadOnlySet<DayOfWeek>(days), start, end, new ReadOnlySet<DateOnly>(holidays));
        }
        catch (ArgumentException e)
        {
            // Checked above; this keeps any further rule of BusinessHours reported as a policy error.
            throw Error(path, e.Message, e);
        }
    }

    private static RecyclePolicy ReadRecycle(JsonElement element, string path)
    {
        RequireObject(element, path, ["rejectedMoveTo", "lostToNurtureAfter"]);
        var rejected = ReadStage(Require(element, "rejectedMoveTo", path + ".rejectedMoveTo"), path + ".rejectedMoveTo", FunnelStage.Nurture, FunnelStage.MarketingQualified);
        TimeSpan? lost = TryGet(element, "lostToNurtureAfter", out var l) && l.ValueKind != JsonValueKind.Null
            ? ReadDuration(l, path + ".lostToNurtureAfter", allowZero: false, _calendarDay)
            : null;
        return new RecyclePolicy(rejected, lost);
    }

    private static FunnelStage ReadStage(JsonElement element, string path, params FunnelStage[] allowed)
    {
        var code = ReadString(element, path);
        if (!FunnelStageCodes.TryParse(code, out var stage))
        {
            var known = string.Join(", ", Enum.GetValues<FunnelStage>().Select(FunnelStageCodes.ToCode));
            throw Error(path, $"unknown stage '{code}'; known stages: {known}");
        }

        return allowed.Contains(stage)
            ? stage
            : throw Error(path, $"'{FunnelStageCodes.ToCode(stage)}' is not allowed here; use {string.Join(" or ", allowed.Select(FunnelStageCodes.ToCode))}");
    }

    private static LeadSignal ReadSignal(JsonElement element, string path) =>
        ReadKnown(element, path, "signal", LeadSignalCodes.All, code => LeadSignalCodes.TryParse(code, out _),
            code => LeadSignalCodes.TryParse(code, out var signal) ? signal : default);

    /// <summary>Reads a string that must be one of <paramref name="known"/>; the error names it and lists them.</summary>
    private static T ReadKnown<T>(
        JsonElement element, string path, string kind, IReadOnlyList<string> known, Func<string, bool> isKnown, Func<string, T> convert, string knownWhere = "")
    {
        var text = ReadString(element, path);
        return isKnown(text)
            ? convert(text)
            : throw Error(path, $"unknown {kind} '{text}'; known {kind}s{knownWhere}: {(known.Count == 0 ? "(none)" : string.Join(", ", known))}");
    }

    private static string ReadReason(JsonElement element, string path)
    {
        var reason = ReadString(element, path);
        return ReasonCode().IsMatch(reason)
            ? reason
            : throw Error(path, $"reason '{reason}' must be a snake_case code: 1–64 of a–z, 0–9 and '_' (e.g. \"follow_ups_exhausted\")");
    }

    private static string ReadOwner(JsonElement element, string path)
    {
        var owner = ReadString(element, path);
        return owner.Length is > 0 and <= MaxOwnerLength
            ? owner
            : throw Error(path, $"an owner must be 1–{MaxOwnerLength} characters");
    }

    private static TimeOnly ReadTime(JsonElement element, string path, bool allowEndOfDay)
    {
        var text = ReadString(element, path);
        if (allowEndOfDay && text == "24:00")
        {
            return TimeOnly.MaxValue; // the end of the day: working hours that run to midnight
        }

        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw Error(path, $"'{text}' is not a time; write HH:mm (e.g. \"09:00\"{(allowEndOfDay ? ", or \"24:00\" for the end of the day" : "")})");
    }

    private static string FormatTime(TimeOnly time) =>
        time == TimeOnly.MaxValue ? "24:00" : time.ToString("HH':'mm", CultureInfo.InvariantCulture);

    /// <summary>Reads a duration such as <c>"90s"</c>, <c>"1.5h"</c>, <c>"30d"</c>; <paramref name="day"/> is the length of <c>"1d"</c>.</summary>
    private static TimeSpan ReadDuration(JsonElement element, string path, bool allowZero, TimeSpan day)
    {
        var example = allowZero ? "\"0h\", \"4h\", \"30d\"" : "\"90s\", \"15m\", \"24h\", \"30d\"";
        if (element.ValueKind != JsonValueKind.String)
        {
            throw Error(path, $"must be a duration string such as {example}, found {element.ValueKind}");
        }

        var text = element.GetString()!.Trim();
        var match = Duration().Match(text);
        if (!match.Success || !decimal.TryParse(match.Groups["amount"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            throw Error(path, $"'{text}' is not a duration; write a number and a unit s, m, h or d, e.g. {example}");
        }

        var unit = match.Groups["unit"].Value switch
        {
            "s" => TimeSpan.FromSeconds(1),
            "m" => TimeSpan.FromMinutes(1),
            "h" => TimeSpan.FromHours(1),
            _ => day,
        };

        // At most 100 years: far beyond any agreement, and safe from TimeSpan (and decimal) overflow.
        if (amount > (decimal)TimeSpan.FromDays(36525).Ticks / unit.Ticks)
        {
            throw Error(path, $"'{text}' is longer than 100 years");
        }

        var duration = TimeSpan.FromTicks((long)Math.Round(amount * unit.Ticks));
        return duration > TimeSpan.Zero || allowZero
            ? duration
            : throw Error(path, $"'{text}' must be longer than zero");
    }

    private static IEnumerable<(JsonElement Item, string Path)> ReadArray(JsonElement element, string path, bool allowEmpty)
    {
        if (element.ValueKind != JsonValueKind.Array || (!allowEmpty && element.GetArrayLength() == 0))
        {
            throw Error(path, allowEmpty ? $"must be an array, found {element.ValueKind}" : $"must be a non-empty array, found {Describe(element)}");
        }

        return element.EnumerateArray().Select((item, i) => (item, $"{path}[{i}]")).ToArray();
    }

    /// <summary>A non-empty array read as a set; a value listed twice is an error.</summary>
    private static ReadOnlySet<T> ReadSet<T>(JsonElement element, string path, Func<JsonElement, string, T> read)
    {
        var set = new HashSet<T>();
        foreach (var (item, itemPath) in ReadArray(element, path, allowEmpty: false))
        {
            var value = read(item, itemPath);
            if (!set.Add(value))
            {
                throw Error(itemPath, $"'{value}' is listed twice");
            }
        }

        return new ReadOnlySet<T>(set);
    }

    private static ReadOnlyCollection<string> ReadStrings(JsonElement element, string path) =>
        ReadArray(element, path, allowEmpty: true)
            .Select(item => ReadString(item.Item, item.Path) is { Length: > 0 } text ? text : throw Error(item.Path, "must not be empty"))
            .ToList()
            .AsReadOnly();

    /// <summary>Checks that <paramref name="element"/> is an object whose properties are all in <paramref name="allowed"/> (any name when null) and none repeats.</summary>
    private static void RequireObject(JsonElement element, string path, string[]? allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, $"must be a JSON object, found {element.ValueKind}");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (allowed is not null && !allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                throw Error(Child(path, property.Name), $"unknown property '{property.Name}'; allowed here: {string.Join(", ", allowed)}");
            }

            if (!seen.Add(property.Name))
            {
                throw Error(Child(path, property.Name), "is given twice");
            }
        }
    }

    private static bool TryGet(JsonElement element, string name, out JsonElement value) => element.TryGetProperty(name, out value);

    private static JsonElement Require(JsonElement element, string name, string path) =>
        element.TryGetProperty(name, out var value) ? value : throw Error(path, "is required");

    private static string RequireString(JsonElement element, string name, string path) =>
        ReadString(Require(element, name, path), path) is { Length: > 0 } text
            ? text
            : throw Error(path, "must not be empty");

    private static string ReadString(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String
            ? element.GetString()!.Trim()
            : throw Error(path, $"must be a string, found {element.ValueKind}");

    private static int ReadInt(JsonElement element, string path, int min, int max)
    {
        var range = (min, max) switch
        {
            (int.MinValue, int.MaxValue) => "a whole number",
            (_, int.MaxValue) => $"a whole number of at least {min}",
            _ => $"a whole number between {min} and {max}",
        };
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
        {
            throw Error(path, $"must be {range}");
        }

        return value >= min && value <= max
            ? value
            : throw Error(path, $"{value} is not {range}");
    }

    private static string Describe(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? "an empty array" : element.ValueKind.ToString();

    /// <summary>The path of property <paramref name="name"/>: <c>$.a.b</c>, or <c>$.a['odd name']</c> when the name is not a plain identifier.</summary>
    private static string Child(string path, string name) =>
        PlainName().IsMatch(name) ? $"{path}.{name}" : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    private static bool IsName(string name) =>
        name.Length <= MaxNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static bool IsSnakeCase(string name) => SnakeCase().IsMatch(name);

    private static QualificationPolicyFormatException Error(string path, string problem, Exception? inner = null) => new(path, problem, inner);

    [GeneratedRegex("^(?<amount>[0-9]+(?:\\.[0-9]+)?)(?<unit>[smhd])\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SnakeCase();

    [GeneratedRegex("^[a-z0-9_]{1,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ReasonCode();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlainName();
}
