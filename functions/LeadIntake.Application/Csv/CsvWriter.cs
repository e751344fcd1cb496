using System.Globalization;
using System.Text;

namespace LeadIntake.Application.Csv;

/// <summary>
/// The one CSV writer of the app (<c>/api/leads.csv</c>, <c>/api/kpis.csv</c>): RFC 4180, <c>\r\n</c> line ends, and
/// formula-safe text cells, one row at a time onto a <see cref="TextWriter"/>.
/// </summary>
/// <remarks>
/// <para>Cells are added with <see cref="Text"/>, <see cref="Number(long?)"/>, <see cref="Number(double?)"/>,
/// <see cref="Number(decimal?)"/>, <see cref="Time"/> and <see cref="Date"/>, then <see cref="EndRowAsync"/> writes the row.
/// A null value is an empty cell.</para>
/// <para>Formula safety follows OWASP's CSV-injection guidance: a text cell starting with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, a tab or a carriage return is prefixed with a single quote, so a spreadsheet shows it as text instead of
/// running it, and the cell is then quoted. Numbers the writer formats itself (invariant culture, <c>.</c> decimals, no
/// thousands separators) are never prefixed: they cannot be formulas. A cell containing <c>,</c>, <c>"</c>, <c>\r</c> or
/// <c>\n</c> is quoted, with <c>"</c> doubled. Times are ISO-8601 UTC with milliseconds, <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</para>
/// <para>Not thread-safe: one writer per response.</para>
/// </remarks>
public sealed class CsvWriter(TextWriter writer)
{
    /// <summary>The media type of what this writer produces.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>The format of <see cref="Time"/> cells.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>
    /// The encoding to write with: UTF-8 with a byte-order mark, which is how spreadsheet programs (Excel) recognise
    /// UTF-8; readers of RFC 4180 skip it.
    /// </summary>
    public static Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    private readonly StringBuilder _row = new();
    private bool _rowHasCells;

    /// <summary>A text cell: neutralised when it could start a formula, quoted when needed.</summary>
    public CsvWriter Text(string? value)
    {
        Separate();
        if (string.IsNullOrEmpty(value))
            return this;
        var neutralise = StartsFormula(value);
        if (neutralise || value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            _row.Append('"');
            if (neutralise)
                _row.Append('\'');
            _row.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            _row.Append(value);
        }

        return this;
    }

    /// <summary>A whole-number cell.</summary>
    public CsvWriter Number(long? value) => Raw(value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>A number cell, round-trippable (<c>R</c>); NaN and infinities are written as empty cells.</summary>
    public CsvWriter Number(double? value) =>
        Raw(value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : null);

    /// <summary>A decimal number cell.</summary>
    public CsvWriter Number(decimal? value) => Raw(value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>A time cell in UTC, <see cref="TimeFormat"/>.</summary>
    public CsvWriter Time(DateTimeOffset? value) => Raw(value?.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));

    /// <summary>A date cell, <c>yyyy-MM-dd</c>.</summary>
    public CsvWriter Date(DateOnly? value) => Raw(value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>A header row (or any row of text cells).</summary>
    public Task WriteRowAsync(IEnumerable<string?> cells, CancellationToken cancellationToken)
    {
        foreach (var cell in cells)
            Text(cell);
        return EndRowAsync(cancellationToken);
    }

    /// <summary>Writes the cells added since the last row, and <c>\r\n</c>.</summary>
    public async Task EndRowAsync(CancellationToken cancellationToken)
    {
        _row.Append("\r\n");
        await writer.WriteAsync(_row, cancellationToken);
        _row.Clear();
        _rowHasCells = false;
    }

    /// <summary>True when a spreadsheet could read <paramref name="value"/> as a formula (OWASP's list of first characters).</summary>
    public static bool StartsFormula(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private CsvWriter Raw(string? formatted)
    {
        Separate();
        _row.Append(formatted);
        return this;
    }

    private void Separate()
    {
        if (_rowHasCells)
            _row.Append(',');
        _rowHasCells = true;
    }
}
