using LeadIntake.Application.Csv;

namespace LeadIntake.Application.Tests.Csv;

public sealed class CsvWriterTests
{
    [Theory]
    // OWASP CSV injection: every cell starting with = + - @ tab or CR gets a leading quote, and is then quoted.
    [InlineData("=HYPERLINK(\"http://evil\",\"x\")", "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"")]
    [InlineData("+cmd|' /C calc'!A0", "\"'+cmd|' /C calc'!A0\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tleading tab", "\"'\tleading tab\"")]
    [InlineData("\rleading cr", "\"'\rleading cr\"")]
    // RFC 4180: separators, quotes and line breaks are quoted, quotes doubled; plain text stays as it is.
    [InlineData("Contoso, Ltd.", "\"Contoso, Ltd.\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("a=b", "a=b")]
    [InlineData("O'Brien", "O'Brien")]
    [InlineData("Zoë", "Zoë")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public async Task Text_Value_WrittenFormulaSafeAndQuoted(string? value, string expected)
    {
        Assert.Equal(expected + "\r\n", await WriteAsync(csv => csv.Text(value)));
    }

    [Fact]
    public async Task Cells_NumbersTimesAndDates_InvariantAndUtc()
    {
        var at = new DateTimeOffset(2026, 11, 30, 23, 59, 58, 123, TimeSpan.FromHours(2)).AddTicks(4567);

        var line = await WriteAsync(csv => csv.Number(-1234567L).Number(1200.5).Number(0.1m).Number((double?)null).Number(double.NaN)
            .Time(at).Time(null).Date(new DateOnly(2026, 1, 5)));

        // Negative numbers are written as numbers: the writer formats them itself, they cannot be formulas.
        Assert.Equal("-1234567,1200.5,0.1,,,2026-11-30T21:59:58.123Z,,2026-01-05\r\n", line);
    }

    [Fact]
    public async Task Rows_SeveralWithHeader_CrLfEachAndParseBack()
    {
        var text = await WriteAsync(
            csv => csv.Text("=1+1").Text("a,b").Number(3),
            csv => csv.Text("x").Text(null).Text("\"q\""));

        var records = CsvReader.Read(text);
        Assert.Equal(["'=1+1", "a,b", "3"], records[0].Cells);
        Assert.Equal(["x", "", "\"q\""], records[1].Cells);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split("\r\n").Length - 1);
    }

    [Theory]
    [InlineData("=", true)]
    [InlineData("+", true)]
    [InlineData("-", true)]
    [InlineData("@", true)]
    [InlineData("\t", true)]
    [InlineData("\r", true)]
    [InlineData(" =1", false)]
    [InlineData("1-2", false)]
    [InlineData("", false)]
    public void StartsFormula_FirstCharacter_OwaspList(string value, bool expected)
    {
        Assert.Equal(expected, CsvWriter.StartsFormula(value));
    }

    [Fact]
    public void Encoding_Utf8WithByteOrderMark_ForSpreadsheets()
    {
        Assert.Equal([0xEF, 0xBB, 0xBF], CsvWriter.Encoding.GetPreamble());
    }

    private static async Task<string> WriteAsync(params Action<CsvWriter>[] rows)
    {
        var text = new StringWriter();
        var csv = new CsvWriter(text);
        foreach (var row in rows)
        {
            row(csv);
            await csv.EndRowAsync(CancellationToken.None);
        }

        return text.ToString();
    }
}
