using System.Globalization;
using LeadIntake.Domain;
using LeadIntake.Domain.Kpis;

namespace LeadIntake.Functions.Endpoints;

/// <summary>Strict reading of a GET API's query string, one message per bad parameter into <see cref="ApiFieldErrors"/>.</summary>
/// <remarks>
/// A parameter not in the allowed list is refused (a typo such as <c>groupby</c> must not silently mean the default), as is
/// a parameter given twice. <c>code</c>, the function key of a browser request, is always allowed. An empty value counts as
/// missing.
/// </remarks>
public sealed class ApiQuery
{
    /// <summary>The query parameter carrying a function key.</summary>
    public const string FunctionKeyParameter = "code";

    private readonly IQueryCollection _query;
    private readonly ApiFieldErrors _errors;

    /// <summary>Reads <paramref name="query"/>, refusing parameters outside <paramref name="allowed"/>.</summary>
    public ApiQuery(IQueryCollection query, ApiFieldErrors errors, IReadOnlyCollection<string> allowed)
    {
        _query = query;
        _errors = errors;
        foreach (var name in query.Keys.Where(k => k != FunctionKeyParameter && !allowed.Contains(k)))
            errors.Add(name, $"unknown parameter; expected {string.Join(", ", allowed)}");
    }

    /// <summary>The parameter's trimmed text, or null when missing or empty.</summary>
    public string? Text(string name)
    {
        if (!_query.TryGetValue(name, out var values))
            return null;
        if (values.Count > 1)
        {
            _errors.Add(name, "give this parameter once");
            return null;
        }

        return string.IsNullOrWhiteSpace(values[0]) ? null : values[0]!.Trim();
    }

    /// <summary>
    /// A date <c>yyyy-MM-dd</c> in the years <see cref="MarketingSpendInput.MinYear"/> to <see cref="MarketingSpendInput.MaxYear"/>
    /// (so ranges, weeks and "the day after" never leave the calendar); <paramref name="fallback"/> when missing.
    /// </summary>
    public DateOnly? Date(string name, DateOnly? fallback = null)
    {
        var text = Text(name);
        if (text is null)
            return fallback;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year is >= MarketingSpendInput.MinYear and <= MarketingSpendInput.MaxYear)
            return date;
        _errors.Add(name, $"must be a date yyyy-MM-dd from {MarketingSpendInput.MinYear}-01-01 to {MarketingSpendInput.MaxYear}-12-31, e.g. 2026-11-30");
        return null;
    }

    /// <summary>One of <paramref name="codes"/>; <paramref name="fallback"/> when missing.</summary>
    public TEnum? Code<TEnum>(string name, CodeTable<TEnum> codes, TEnum? fallback) where TEnum : struct, Enum
    {
        var text = Text(name);
        if (text is null)
            return fallback;
        if (codes.TryParse(text, out var value))
            return value;
        _errors.Add(name, $"unknown value '{text}'; expected one of {string.Join(", ", codes.All)}");
        return null;
    }

    /// <summary>A finite number from <paramref name="min"/> to <paramref name="max"/>, invariant culture; null (no error) when missing and not required.</summary>
    public double? Number(string name, double min, double max, bool required)
    {
        var text = Text(name);
        if (text is null)
        {
            if (required)
                _errors.Add(name, "required");
            return null;
        }

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && value >= min && value <= max)
            return value;
        _errors.Add(name, $"must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, with . for decimals");
        return null;
    }
}
