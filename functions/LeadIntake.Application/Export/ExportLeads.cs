using LeadIntake.Application.Csv;

namespace LeadIntake.Application.Export;

/// <summary>The lead list as CSV (<c>GET /api/leads.csv</c>), streamed: one row per lead, written as storage pages arrive.</summary>
/// <remarks>
/// <see cref="StartAsync"/> reads the first page before anything is sent, so a storage failure can still be answered
/// with a status (503) instead of a cut-off file; after that the rows are written as they are read. Columns:
/// <see cref="Columns"/>. Thread-safe.
/// </remarks>
public sealed class ExportLeads(ILeadExportSource source)
{
    /// <summary>The header row of the file, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "LeadId", "Email", "FirstName", "LastName", "Company", "Country", "Stage", "Score", "Grade", "Engagement", "Channel", "Campaign",
        "FormId", "Owner", "FirstSeenAt", "StageEnteredAt", "Outcome", "Amount", "ConsentMarketing", "ConsentVersion", "ConsentAt",
    ];

    /// <summary>Starts the export: runs the query up to its first row.</summary>
    /// <param name="query">Which leads.</param>
    /// <param name="cancellationToken">Cancels reading; pass the request's abort token, since the rows are read while the response is written.</param>
    public async Task<LeadCsvExport> StartAsync(LeadExportQuery query, CancellationToken cancellationToken)
    {
        var rows = source.ReadAsync(query, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            return new LeadCsvExport(rows, await rows.MoveNextAsync());
        }
        catch
        {
            await rows.DisposeAsync();
            throw;
        }
    }
}

/// <summary>A started lead export (<see cref="ExportLeads.StartAsync"/>): write it once, then dispose it.</summary>
public sealed class LeadCsvExport : IAsyncDisposable
{
    private readonly IAsyncEnumerator<LeadExportRow> _rows;
    private bool _hasCurrent;

    internal LeadCsvExport(IAsyncEnumerator<LeadExportRow> rows, bool hasCurrent)
    {
        _rows = rows;
        _hasCurrent = hasCurrent;
    }

    /// <summary>Writes the header and every row to <paramref name="writer"/>, flushing after each storage page's worth of rows.</summary>
    public async Task WriteAsync(TextWriter writer, CancellationToken cancellationToken)
    {
        var csv = new CsvWriter(writer);
        await csv.WriteRowAsync(ExportLeads.Columns, cancellationToken);
        var written = 0;
        while (_hasCurrent)
        {
            var r = _rows.Current;
            csv.Text(r.LeadId).Text(r.Email).Text(r.FirstName).Text(r.LastName).Text(r.Company).Text(r.Country).Text(r.Stage)
                .Number(r.Score).Text(r.Grade).Number(r.Engagement).Text(r.Channel).Text(r.Campaign).Text(r.FormId).Text(r.Owner)
                .Time(r.FirstSeenAt).Time(r.StageEnteredAt).Text(r.Outcome).Number(r.Amount)
                .Text(r.ConsentMarketing ? "true" : "false").Text(r.ConsentVersion).Time(r.ConsentAt);
            await csv.EndRowAsync(cancellationToken);
            // A Table storage page holds up to 1,000 rows: flush about as often as a page arrives.
            if (++written % 1000 == 0)
                await writer.FlushAsync(cancellationToken);
            _hasCurrent = await _rows.MoveNextAsync();
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _rows.DisposeAsync();
}
