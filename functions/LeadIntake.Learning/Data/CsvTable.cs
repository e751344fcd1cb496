using System.Text;

namespace LeadIntake.Learning.Data;

/// <summary>Reads CSV exports (RFC 4180 quoting, any common separator, UTF-8 with or without BOM) into a <see cref="TabularData"/>.</summary>
/// <remarks>
/// Header names are trimmed; an empty name becomes <c>ColumnN</c> (N = 1-based position) and a repeated name gets a
/// <c>_2</c>, <c>_3</c>… suffix, so every column stays addressable. Blank lines are skipped, short rows are padded with
/// <see langword="null"/>, and surplus empty trailing cells are dropped.
/// </remarks>
public static class CsvTable
{
    private static readonly char[] CandidateSeparators = [',', ';', '\t', '|'];

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file has no header or a row has more non-empty cells than the header.</exception>
    public static TabularData Read(string path, CsvReadOptions? options = null)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, options);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>.</summary>
    /// <exception cref="InvalidDataException">The text has no header or a row has more non-empty cells than the header.</exception>
    public static TabularData Read(TextReader reader, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var text = reader.ReadToEnd();
        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        var separator = options?.Separator ?? SniffSeparator(text);
        var records = Parse(text, separator);
        if (records.Count == 0)
            throw new InvalidDataException("The CSV has no header line.");

        var columns = UniqueNames(records[0]);
        var rows = new List<string?[]>(records.Count - 1);
        for (var r = 1; r < records.Count; r++)
        {
            var cells = records[r];
            if (cells.Count == 1 && cells[0].Length == 0)
                continue;
            if (cells.Count > columns.Count && cells.Skip(columns.Count).Any(c => c.Length > 0))
                throw new InvalidDataException($"CSV data row {r} has {cells.Count} cells but the header has {columns.Count} columns.");
            var row = new string?[columns.Count];
            for (var c = 0; c < columns.Count && c < cells.Count; c++)
                row[c] = cells[c];
            rows.Add(row);
        }

        return new TabularData(columns, rows);
    }

    private static char SniffSeparator(string text)
    {
        var counts = new int[CandidateSeparators.Length];
        var quoted = false;
        foreach (var ch in text)
        {
            if (ch == '"')
                quoted = !quoted;
            else if (!quoted && ch is '\n' or '\r')
                break;
            else if (!quoted)
            {
                var index = Array.IndexOf(CandidateSeparators, ch);
                if (index >= 0)
                    counts[index]++;
            }
        }

        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
                best = i;
        }

        return CandidateSeparators[best];
    }

    private static List<List<string>> Parse(string text, char separator)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i += 2;
                    continue;
                }

                if (ch == '"')
                    quoted = false;
                else
                    cell.Append(ch);
                i++;
                continue;
            }

            if (ch == '"' && cell.Length == 0)
                quoted = true;
            else if (ch == separator)
            {
                record.Add(cell.ToString());
                cell.Clear();
            }
            else if (ch is '\r' or '\n')
            {
                record.Add(cell.ToString());
                cell.Clear();
                records.Add(record);
                record = [];
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
            }
            else
                cell.Append(ch);
            i++;
        }

        if (cell.Length > 0 || record.Count > 0)
        {
            record.Add(cell.ToString());
            records.Add(record);
        }

        return records;
    }

    private static List<string> UniqueNames(List<string> header)
    {
        var names = new List<string>(header.Count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < header.Count; c++)
        {
            var name = header[c].Trim();
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
