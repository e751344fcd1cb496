namespace LeadIntake.Domain;

/// <summary>The one table between an enumeration and the readable codes it is stored and written as (<c>contact_requested</c>, <c>MQL</c>).</summary>
/// <remarks>Codes compare exactly (ordinal), as files, APIs and table columns spell them. Immutable and thread-safe.</remarks>
/// <typeparam name="TEnum">The enumeration.</typeparam>
public sealed class CodeTable<TEnum> where TEnum : struct, Enum
{
    private readonly (TEnum Value, string Code)[] _codes;

    /// <summary>Creates the table; every value of <typeparamref name="TEnum"/> must have exactly one code.</summary>
    /// <exception cref="ArgumentException">A value is missing or listed twice, or a code is repeated.</exception>
    public CodeTable(params (TEnum Value, string Code)[] codes)
    {
        if (codes.Select(c => c.Value).Distinct().Count() != codes.Length || codes.Select(c => c.Code).Distinct(StringComparer.Ordinal).Count() != codes.Length
            || codes.Length != Enum.GetValues<TEnum>().Length)
            throw new ArgumentException($"Every {typeof(TEnum).Name} needs exactly one code of its own.", nameof(codes));
        _codes = codes;
        All = [.. codes.Select(c => c.Code)];
    }

    /// <summary>Every code, in the table's order.</summary>
    public IReadOnlyList<string> All { get; }

    /// <summary>The code of <paramref name="value"/>.</summary>
    public string ToCode(TEnum value) => _codes.First(c => c.Value.Equals(value)).Code;

    /// <summary>Parses a code; false when it is not one.</summary>
    public bool TryParse(string? code, out TEnum value)
    {
        foreach (var (v, c) in _codes)
        {
            if (c == code)
            {
                value = v;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Parses a code.</summary>
    /// <exception cref="FormatException">Not one of the codes; the message lists them.</exception>
    public TEnum Parse(string code) =>
        TryParse(code, out var value) ? value : throw new FormatException($"'{code}' is not a {typeof(TEnum).Name} code; expected one of {string.Join(", ", All)}.");
}
