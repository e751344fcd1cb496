using LeadIntake.Application.Csv;

namespace LeadIntake.Application.Tests.Csv;

public sealed class CsvReaderTests
{
    [Fact]
    public void Read_QuotedCellsBomBlankLinesAndBothLineEnds_CellsAndLineNumbers()
    {
        var records = CsvReader.Read("\uFEFFa,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\n\n\"two\nlines\",2,3\r\nlast,,");

        Assert.Equal([1, 2, 4, 6], records.Select(r => r.Line));
        Assert.Equal(["a", "b", "c"], records[0].Cells);
        Assert.Equal(["x, y", "say \"hi\"", ""], records[1].Cells);
        Assert.Equal(["two\nlines", "2", "3"], records[2].Cells);
        Assert.Equal(["last", "", ""], records[3].Cells);
    }

    [Theory]
    [InlineData("a,\"open\nb", "line 1: a quoted cell is not closed")]
    [InlineData("a\n\"x\"y,b", "line 2: a closing quote must be followed by a comma or the end of the line")]
    public void Read_Malformed_FormatExceptionNamingTheLine(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatException>(() => CsvReader.Read(text)).Message);
    }

    [Fact]
    public void Read_Empty_NoRecords()
    {
        Assert.Empty(CsvReader.Read(""));
        Assert.Empty(CsvReader.Read("\r\n\r\n"));
    }
}
