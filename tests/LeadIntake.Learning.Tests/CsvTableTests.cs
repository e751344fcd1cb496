using System.Text;
using LeadIntake.Learning.Data;

namespace LeadIntake.Learning.Tests;

public sealed class CsvTableTests
{
    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void Read_Separator_IsSniffed(char separator)
    {
        var data = Histories.Parse($"a{separator}b{separator}c\n1{separator}x y{separator}3\n");

        Assert.Equal(["a", "b", "c"], data.Columns);
        Assert.Equal(["1", "x y", "3"], data.Rows.Single().Select(cell => cell ?? "(null)"));
    }

    [Fact]
    public void Read_Utf8ByteOrderMark_IsNotPartOfTheFirstName()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Lead Id,Converted\nL1,yes\n")).ToArray();
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

        var data = CsvTable.Read(reader);

        Assert.Equal(["Lead Id", "Converted"], data.Columns);
    }

    [Fact]
    public void Read_EmptyAndDuplicateHeaders_GetPositionAndSuffixNames()
    {
        // The X Education export ends its header with an empty name; CRM exports repeat names.
        var data = Histories.Parse("Source,,Source,Source,\nweb,1,2,3,\n");

        Assert.Equal(["Source", "Column2", "Source_2", "Source_3", "Column5"], data.Columns);
    }

    [Fact]
    public void Read_QuotedSeparatorAndQuotes_AreUnescaped()
    {
        var data = Histories.Parse("Source,Visits\n\"Google, paid\",3\n\"Organic \"\"search\"\"\",4\n");

        Assert.Equal(["Google, paid", "Organic \"search\""], data.Rows.Select(row => row[0]));
    }

    [Fact]
    public void Read_RowWiderThanHeader_IsRefusedNamingTheRow()
    {
        var error = Assert.Throws<InvalidDataException>(() => Histories.Parse("a,b\n1,2\n1,2,3\n"));

        Assert.Contains("row 2 has 3 cells but the header has 2", error.Message);
    }
}
