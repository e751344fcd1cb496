using LeadIntake.Learning.Data;

namespace LeadIntake.Learning.Tests;

public class CsvTableTests
{
    [Theory]
    [InlineData("a,b,c\n1,2,3\n")]
    [InlineData("a;b;c\n1;2;3\n")]
    [InlineData("a\tb\tc\n1\t2\t3\n")]
    [InlineData("a|b|c\r\n1|2|3\r\n")]
    public void Read_CommonSeparators_SniffedFromHeader(string text)
    {
        var table = CsvTable.Read(new StringReader(text));

        Assert.Equal(["a", "b", "c"], table.Columns);
        Assert.Equal(new string?[] { "1", "2", "3" }, table.Rows.Single().AsEnumerable());
    }

    [Fact]
    public void Read_ExplicitSeparator_OverridesSniffing()
    {
        var table = CsvTable.Read(new StringReader("a;b,c\n1;2,3\n"), new CsvReadOptions { Separator = ',' });

        Assert.Equal(["a;b", "c"], table.Columns);
    }

    [Fact]
    public void Read_QuotedFields_KeepSeparatorsNewlinesAndDoubledQuotes()
    {
        var table = CsvTable.Read(new StringReader("name,note\n\"Smith, Jo\",\"said \"\"hi\"\"\nthen left\"\n"));

        Assert.Equal("Smith, Jo", table.Rows[0][0]);
        Assert.Equal("said \"hi\"\nthen left", table.Rows[0][1]);
    }

    [Fact]
    public void Read_ByteOrderMark_IsNotPartOfFirstColumnName()
    {
        var table = CsvTable.Read(new StringReader("\uFEFFid,x\n1,2\n"));

        Assert.Equal("id", table.Columns[0]);
    }

    [Fact]
    public void Read_FileWithUtf8Bom_ReadsFirstColumnName()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "id,x\n1,2\n", new System.Text.UTF8Encoding(true));
            Assert.Equal("id", CsvTable.Read(path).Columns[0]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_EmptyAndDuplicateHeaders_MadeUnique()
    {
        var table = CsvTable.Read(new StringReader("a,,a,a,\n1,2,3,4,\n"));

        Assert.Equal(["a", "Column2", "a_2", "a_3", "Column5"], table.Columns);
        Assert.Equal("", table.Rows[0][4]);
    }

    [Fact]
    public void Read_ShortRowAndBlankLine_PadsWithNullAndSkips()
    {
        var table = CsvTable.Read(new StringReader("a,b,c\n1,2\n\n4,5,6\n"));

        Assert.Equal(2, table.RowCount);
        Assert.Null(table.Rows[0][2]);
    }

    [Fact]
    public void Read_RowWiderThanHeader_ThrowsNamingTheRow()
    {
        var error = Assert.Throws<InvalidDataException>(() => CsvTable.Read(new StringReader("a,b\n1,2,3\n")));

        Assert.Contains("row 1", error.Message);
    }
}
