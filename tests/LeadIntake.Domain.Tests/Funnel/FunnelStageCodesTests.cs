using LeadIntake.Domain.Funnel;

namespace LeadIntake.Domain.Tests.Funnel;

public class FunnelStageCodesTests
{
    // Codes from CONTRACTS.md "DOMAIN public API".
    [Theory]
    [InlineData(FunnelStage.Lead, "Lead")]
    [InlineData(FunnelStage.MarketingQualified, "MQL")]
    [InlineData(FunnelStage.SalesAccepted, "SAL")]
    [InlineData(FunnelStage.SalesQualified, "SQL")]
    [InlineData(FunnelStage.Opportunity, "Opportunity")]
    [InlineData(FunnelStage.Won, "Won")]
    [InlineData(FunnelStage.Lost, "Lost")]
    [InlineData(FunnelStage.Nurture, "Nurture")]
    [InlineData(FunnelStage.Disqualified, "Disqualified")]
    public void ToCodeAndParse_EveryStage_RoundTrips(FunnelStage stage, string code)
    {
        Assert.Equal(code, FunnelStageCodes.ToCode(stage));
        Assert.Equal(stage, FunnelStageCodes.Parse(code));
        Assert.Equal(stage, FunnelStageCodes.Parse(code.ToLowerInvariant()));
    }

    [Theory]
    [InlineData("MarketingQualified")]
    [InlineData("1")]
    [InlineData("")]
    public void Parse_UnknownCode_ThrowsFormatExceptionListingCodes(string code)
    {
        var e = Assert.Throws<FormatException>(() => FunnelStageCodes.Parse(code));

        Assert.Contains("MQL", e.Message);
    }
}
