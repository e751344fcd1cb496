using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace LeadIntake.Learning.Data;

/// <summary>Reads CSV exports with Sep (RFC 4180 quoting, separator sniffed among <c>, ; \t |</c>, BOM or not) into a <see cref="TabularData"/>.</summary>
/// <remarks>
/// Our rules on top: header names are trimmed; an empty name becomes <c>ColumnN</c> (N = 1-based position) and a repeated
/// name gets a <c>_2</c>, <c>_3</c>… suffix, so every column stays addressable; blank lines are skipped, short rows padded
/// with <see langword="null"/>, surplus empty trailing cells dropped.
/// </remarks>
public static class CsvTable
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file has no header or a row has more non-empty cells than the header.</exception>
    public static TabularData Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>.</summary>
    /// <exception cref="InvalidDataException">The text has no header or a row has more non-empty cells than the header.</exception>
    public static TabularData Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        // No header for Sep: it would refuse the empty and repeated names real exports have; we name them ourselves.
        using var csv = Sep.Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).From(reader);
        List<string>? columns = null;
        var rows = new List<string?[]>();
        foreach (var record in csv)
        {
            var cells = new string[record.ColCount];
            for (var c = 0; c < cells.Length; c++)
                cells[c] = record[c].ToString();
            if (columns is null)
            {
                columns = UniqueNames(cells);
                continue;
            }

            if (cells.Length == 1 && cells[0].Length == 0)
                continue;
            if (cells.Length > columns.Count && cells.Skip(columns.Count).Any(c => c.Length > 0))
                throw new InvalidDataException($"CSV data row {rows.Count + 1} has {cells.Length} cells but the header has {columns.Count} columns.");
            var row = new string?[columns.Count];
            Array.Copy(cells, row, Math.Min(cells.Length, columns.Count));
            rows.Add(row);
        }

        return new TabularData(columns ?? throw new InvalidDataException("The CSV has no header line."), rows);
    }

    private static List<string> UniqueNames(string[] header)
    {
        var names = new List<string>(header.Length);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < header.Length; c++)
        {
            var name = header[c].Trim('\uFEFF', ' ', '\t');
            if (name.Length == 0)
                name = $"Column{c + 1}";
            var candidate = name;
            for (var n = 2; !used.Add(candidate); n++)
                candidate = $"{name}_{n}";
            names.Add(candidate);
        }

        return names;
    }
}
