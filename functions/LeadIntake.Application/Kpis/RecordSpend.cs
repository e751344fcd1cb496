using LeadIntake.Application.Csv;
using LeadIntake.Domain.Kpis;

namespace LeadIntake.Application.Kpis;

/// <summary>Stores marketing spend rows a marketer sent (<c>POST /api/spend</c>), replacing the same month and channel or campaign.</summary>
/// <remarks>
/// The rows are checked before (<see cref="MarketingSpendInput.Check"/>, <see cref="MarketingSpendInput.CheckUnique"/>,
/// or <see cref="ReadCsv"/> for a CSV upload); this use case only writes them. Thread-safe.
/// </remarks>
public sealed class RecordSpend(IMarketingSpendStore store)
{
    /// <summary>Most rows in one request.</summary>
    public const int MaxRows = 1000;

    /// <summary>The header a CSV upload starts with, in this order.</summary>
    public static IReadOnlyList<string> CsvHeader { get; } = ["month", "channel", "campaign", "amount", "currency"];

    /// <summary>Writes <paramref name="spend"/> and returns it, as stored.</summary>
    public async Task<IReadOnlyList<MarketingSpend>> RunAsync(IReadOnlyList<MarketingSpend> spend, CancellationToken cancellationToken)
    {
        await store.UpsertAsync(spend, cancellationToken);
        return spend;
    }

    /// <summary>
    /// Reads a CSV upload: the header <c>month,channel,campaign,amount,currency</c>, then one row per line with exactly one of
    /// channel or campaign. Each problem is reported through <paramref name="error"/> as <c>lines[n].field</c>, n being the
    /// line number in the file (the header is line 1); the rows are returned only when there was none.
    /// </summary>
    public static IReadOnlyList<MarketingSpend>? ReadCsv(string text, Action<string, string> error)
    {
        IReadOnlyList<CsvRecord> records;
        try
        {
            records = CsvReader.Read(text);
        }
        catch (FormatException e)
        {
            error("body", e.Message);
            return null;
        }

        if (records.Count == 0 || !records[0].Cells.Select(c => c.Trim()).SequenceEqual(CsvHeader, StringComparer.OrdinalIgnoreCase))
        {
            error("lines[1]", $"the first line must be the header {string.Join(",", CsvHeader)}");
            return null;
        }

        if (records.Count == 1 || records.Count - 1 > MaxRows)
        {
            error("body", $"send between 1 and {MaxRows} rows after the header");
            return null;
        }

        var rows = new List<MarketingSpend>();
        var lines = new List<int>();
        var ok = true;
        foreach (var record in records.Skip(1))
        {
            var prefix = $"lines[{record.Line}].";
            if (record.Cells.Count != CsvHeader.Count)
            {
                error(prefix.TrimEnd('.'), $"has {record.Cells.Count} cells; expected {CsvHeader.Count} ({string.Join(",", CsvHeader)})");
                ok = false;
                continue;
            }

            var cells = record.Cells;
            var amountBad = !string.IsNullOrWhiteSpace(cells[3]) && !MarketingSpendInput.TryParseAmount(cells[3], out _);
            if (amountBad)
                error(prefix + "amount", MarketingSpendInput.AmountMessage);
            decimal? amount = MarketingSpendInput.TryParseAmount(cells[3], out var parsed) ? parsed : null;
            var row = MarketingSpendInput.Check(cells[0], cells[1], cells[2], amount, cells[4], prefix, error, amountReported: amountBad);
            if (row is null)
            {
                ok = false;
                continue;
            }

            rows.Add(row);
            lines.Add(record.Line);
        }

        var unique = true;
        MarketingSpendInput.CheckUnique(rows, i => $"lines[{lines[i]}].", (field, message) =>
        {
            unique = false;
            error(field, message);
        });
        return ok && unique ? rows : null;
    }
}
