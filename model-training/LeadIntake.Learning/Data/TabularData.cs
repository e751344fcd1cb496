namespace LeadIntake.Learning.Data;

/// <summary>A table of raw text cells: ordered, unique column names and rows of nullable strings.</summary>
/// <remarks>
/// Cells are kept exactly as read (a blank cell is <c>""</c>); interpreting missing markers and types is the
/// trainer's job, so the same table can be profiled with different options. Immutable once built.
/// </remarks>
public sealed class TabularData
{
    private readonly Dictionary<string, int> _indexByName;

    /// <summary>Creates a table; every row must have exactly one cell per column.</summary>
    /// <exception cref="ArgumentException">Column names are not unique, or a row has the wrong width.</exception>
    public TabularData(IReadOnlyList<string> columns, IReadOnlyList<string?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        _indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            if (!_indexByName.TryAdd(columns[i], i))
                throw new ArgumentException($"Column name '{columns[i]}' appears twice.", nameof(columns));
        }

        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != columns.Count)
                throw new ArgumentException($"Row {r} has {rows[r].Length} cells but the table has {columns.Count} columns.", nameof(rows));
        }

        Columns = columns;
        Rows = rows;
    }

    /// <summary>Column names in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Data rows (header excluded), each with one cell per column.</summary>
    public IReadOnlyList<string?[]> Rows { get; }

    /// <summary>Number of data rows.</summary>
    public int RowCount => Rows.Count;

    /// <summary>Index of <paramref name="column"/>, or -1 if the table has no such column.</summary>
    public int IndexOf(string column) => _indexByName.TryGetValue(column, out var index) ? index : -1;

    /// <summary>A new table with the rows at <paramref name="rowIndices"/>, in that order.</summary>
    public TabularData SelectRows(IEnumerable<int> rowIndices) =>
        new(Columns, rowIndices.Select(i => Rows[i]).ToArray());

    /// <summary>The row at <paramref name="row"/> as a name → raw value dictionary (the scorer's input shape).</summary>
    public IReadOnlyDictionary<string, object?> RowAsDictionary(int row)
    {
        var values = new Dictionary<string, object?>(Columns.Count, StringComparer.Ordinal);
        for (var c = 0; c < Columns.Count; c++)
            values[Columns[c]] = Rows[row][c];
        return values;
    }
}
