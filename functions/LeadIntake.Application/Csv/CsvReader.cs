using System.Text;

namespace LeadIntake.Application.Csv;

/// <summary>One record of a CSV text: its cells and the line it starts on (1-based, the header is line 1).</summary>
/// <param name="Line">The line the record starts on.</param>
/// <param name="Cells">The cells, unquoted.</param>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Cells);

/// <summary>Reads RFC 4180 text: <c>,</c> separated, <c>"</c> quoted with <c>""</c> for a quote, <c>\r\n</c> or <c>\n</c> line ends.</summary>
/// <remarks>
/// A leading byte-order mark is skipped; blank lines are skipped; a quote inside an unquoted cell is kept as text. An
/// unterminated quoted cell is refused with <see cref="FormatException"/> naming the line it began on. Pure.
/// </remarks>
public static class CsvReader
{
    /// <summary>The records of <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">A quoted cell is not closed, or a closing quote is followed by something other than a separator or line end.</exception>
    public static IReadOnlyList<CsvRecord> Read(string text)
    {
        var records = new List<CsvRecord>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inRecord = false;
        var afterQuote = false;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;

        void EndRecord()
        {
            if (inRecord)
            {
                cells.Add(cell.ToString());
                records.Add(new CsvRecord(recordLine, [.. cells]));
            }

            cells.Clear();
            cell.Clear();
            inRecord = afterQuote = false;
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && cell.Length == 0 && !afterQuote)
            {
                var start = line;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                        throw new FormatException($"line {start}: a quoted cell is not closed");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            cell.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    if (text[i] == '\n')
                        line++;
                    cell.Append(text[i++]);
                }

                inRecord = afterQuote = true;
                continue;
            }

            switch (c)
            {
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    inRecord = true;
                    afterQuote = false;
                    i++;
                    break;
                case '\r' or '\n':
                    EndRecord();
                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    line++;
                    recordLine = line;
                    break;
                default:
                    if (afterQuote)
                        throw new FormatException($"line {line}: a closing quote must be followed by a comma or the end of the line");
                    cell.Append(c);
                    inRecord = true;
                    i++;
                    break;
            }
        }

        EndRecord();
        return records;
    }
}
