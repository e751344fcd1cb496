using LeadIntake.Application.Kpis;
using LeadIntake.Domain.Kpis;

namespace LeadIntake.Application.Tests.Kpis;

public sealed class RecordSpendTests
{
    [Fact]
    public void ReadCsv_ChannelAndCampaignRows_Spend()
    {
        var errors = new List<(string, string)>();

        var rows = RecordSpend.ReadCsv(
            "month,channel,campaign,amount,currency\r\n2026-11,paid_search,,1200.5,EUR\r\n2026-11,,\"dec-webinar, part 2\",300,EUR\r\n",
            (field, message) => errors.Add((field, message)));

        Assert.Empty(errors);
        Assert.Equal(
            [new MarketingSpend("2026-11", KpiDimension.Channel, "paid_search", 1200.5m, "EUR"), new MarketingSpend("2026-11", KpiDimension.Campaign, "dec-webinar, part 2", 300m, "EUR")],
            rows);
    }

    [Fact]
    public void ReadCsv_BadLines_EachLineAndFieldNamed()
    {
        var errors = new List<string>();

        var rows = RecordSpend.ReadCsv(
            string.Join("\n",
                "month,channel,campaign,amount,currency",
                "2026-13,paid_search,,1,EUR", // line 2: month
                "2026-11,tv,,1,EUR", // line 3: unknown channel
                "2026-11,email,dec,1,EUR", // line 4: both channel and campaign
                "2026-11,social,,-5,EUR", // line 5: negative amount
                "2026-11,direct,,NaN,eur", // line 6: amount and currency
                "2026-11,referral,,1", // line 7: cell count
                "2026-11,paid_search,,2,EUR", // line 8: fine
                "2026-11,paid_search,,3,EUR"), // line 9: repeats line 8
            (field, _) => errors.Add(field));

        Assert.Null(rows);
        Assert.Equal(
            ["lines[2].month", "lines[3].channel", "lines[4].channel", "lines[5].amount", "lines[6].amount", "lines[6].currency", "lines[7]", "lines[9].channel"],
            errors);
    }

    [Theory]
    [InlineData("", "lines[1]")]
    [InlineData("month,channel,amount,currency\n2026-11,email,1,EUR", "lines[1]")]
    [InlineData("month,channel,campaign,amount,currency\n", "body")]
    [InlineData("month,channel,campaign,amount,currency\n\"2026-11,email,,1,EUR", "body")]
    public void ReadCsv_NoHeaderNoRowsOrBrokenQuote_Refused(string text, string field)
    {
        var errors = new List<string>();

        Assert.Null(RecordSpend.ReadCsv(text, (f, _) => errors.Add(f)));
        Assert.Equal([field], errors);
    }

    [Fact]
    public async Task RunAsync_Rows_StoredAndReturned()
    {
        var store = new MemorySpendStore();
        MarketingSpend[] spend = [new("2026-11", KpiDimension.Channel, "email", 10m, "EUR")];

        var stored = await new RecordSpend(store).RunAsync(spend, CancellationToken.None);

        Assert.Equal(spend, stored);
        Assert.Equal(spend, store.Rows);
    }

    private sealed class MemorySpendStore : IMarketingSpendStore
    {
        public List<MarketingSpend> Rows { get; } = [];

        public Task UpsertAsync(IReadOnlyList<MarketingSpend> spend, CancellationToken cancellationToken)
        {
            Rows.AddRange(spend);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<MarketingSpend>> ReadAsync(string fromMonth, string toMonth, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<MarketingSpend>>(Rows);
    }
}
