using System.Globalization;

namespace LeadIntake.Storage.Tables;

/// <summary>Turns an interpolated filter into OData text with every value written as a typed, escaped literal.</summary>
/// <remarks>
/// As Azure.Data.Tables' <c>TableOdataFilter</c>: strings become <c>'…'</c> with quotes doubled, Int64 <c>42L</c>,
/// doubles always carry a decimal point, instants <c>datetime'…Z'</c>, GUIDs <c>guid'…'</c>, bytes <c>X'0A1B'</c>,
/// booleans <c>true</c>/<c>false</c>, enums their quoted name. Literal text of the format is kept as written.
/// </remarks>
internal static class TableOdataFilter
{
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var literals = filter.GetArguments().Select(Literal).ToArray<object?>();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, literals);
    }

    private static string Literal(object? value) => value switch
    {
        null => "null",
        bool flag => flag ? "true" : "false",
        int or short or byte or sbyte or ushort => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        long or uint => Convert.ToString(value, CultureInfo.InvariantCulture) + "L",
        double number => DoubleLiteral(number),
        float number => DoubleLiteral(number),
        decimal number => DoubleLiteral((double)number),
        DateTimeOffset instant => InstantLiteral(instant),
        DateTime dateTime => InstantLiteral(TableEntityJson.ToInstant(dateTime)),
        Guid guid => $"guid'{guid:D}'",
        byte[] bytes => $"X'{Convert.ToHexString(bytes)}'",
        BinaryData data => $"X'{Convert.ToHexString(data.ToMemory().Span)}'",
        Enum enumValue => StringLiteral(enumValue.ToString()),
        IFormattable formattable => StringLiteral(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => StringLiteral(value.ToString() ?? string.Empty),
    };

    private static string StringLiteral(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string DoubleLiteral(double number)
    {
        var text = number.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny('.', 'E') >= 0 ? text : text + ".0";
    }

    private static string InstantLiteral(DateTimeOffset instant) =>
        $"datetime'{instant.UtcDateTime.ToString(TableEntityJson.InstantFormat, CultureInfo.InvariantCulture)}'";
}
