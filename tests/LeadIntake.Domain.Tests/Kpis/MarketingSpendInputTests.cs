using LeadIntake.Domain.Kpis;

namespace LeadIntake.Domain.Tests.Kpis;

public sealed class MarketingSpendInputTests
{
    [Theory]
    [InlineData("2026-11", "paid_search", null, "1200.5", "EUR", null)]
    [InlineData(" 2026-11 ", "direct", "", "0", "USD", null)]
    [InlineData("2026-11", null, "dec-webinar", "3", "EUR", null)]
    [InlineData("2026-1", "email", null, "1", "EUR", "month")]
    [InlineData("1999-12", "email", null, "1", "EUR", "month")]
    [InlineData("2026-11-01", "email", null, "1", "EUR", "month")]
    [InlineData(null, "email", null, "1", "EUR", "month")]
    [InlineData("2026-11", "Paid_Search", null, "1", "EUR", "channel")]
    [InlineData("2026-11", null, null, "1", "EUR", "channel")]
    [InlineData("2026-11", "email", "x", "1", "EUR", "channel")]
    [InlineData("2026-11", null, "line\nbreak", "1", "EUR", "campaign")]
    [InlineData("2026-11", "email", null, "-0.01", "EUR", "amount")]
    [InlineData("2026-11", "email", null, "1000000000000.01", "EUR", "amount")]
    [InlineData("2026-11", "email", null, null, "EUR", "amount")]
    [InlineData("2026-11", "email", null, "1", "eur", "currency")]
    [InlineData("2026-11", "email", null, "1", "EURO", "currency")]
    [InlineData("2026-11", "email", null, "1", null, "currency")]
    public void Check_Row_NamesTheBadField(string? month, string? channel, string? campaign, string? amount, string? currency, string? badField)
    {
        var errors = new List<string>();

        var row = MarketingSpendInput.Check(month, channel, campaign, amount is null ? null : decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency, "spend[0].", (field, _) => errors.Add(field));

        if (badField is null)
        {
            Assert.NotNull(row);
            Assert.Empty(errors);
        }
        else
        {
            Assert.Null(row);
            Assert.Equal(["spend[0]." + badField], errors);
        }
    }

    [Theory]
    [InlineData("1200.5", true)]
    [InlineData("0", true)]
    [InlineData("1,200.5", false)]
    [InlineData("1e3", false)]
    [InlineData("-1", false)]
    [InlineData("NaN", false)]
    [InlineData("Infinity", false)]
    [InlineData("", false)]
    public void TryParseAmount_Text_PlainDecimalsOnly(string text, bool parses)
    {
        Assert.Equal(parses, MarketingSpendInput.TryParseAmount(text, out _));
    }

    [Fact]
    public void CheckUnique_RepeatedMonthAndValue_SecondNamed()
    {
        MarketingSpend[] rows =
        [
            new("2026-11", KpiDimension.Channel, "email", 1m, "EUR"),
            new("2026-11", KpiDimension.Campaign, "email", 1m, "EUR"), // a campaign called email is another row
            new("2026-12", KpiDimension.Channel, "email", 1m, "EUR"),
            new("2026-11", KpiDimension.Channel, "email", 2m, "EUR"),
        ];
        var errors = new List<(string Field, string Message)>();

        MarketingSpendInput.CheckUnique(rows, i => $"spend[{i}].", (field, message) => errors.Add((field, message)));

        var error = Assert.Single(errors);
        Assert.Equal("spend[3].channel", error.Field);
        Assert.Contains("spend[0].channel", error.Message, StringComparison.Ordinal);
    }
}
