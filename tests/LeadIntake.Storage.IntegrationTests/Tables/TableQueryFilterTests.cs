using LeadIntake.Storage.Tables;
using Xunit;

namespace LeadIntake.Storage.IntegrationTests.Tables;

/// <summary>TableClient.CreateQueryFilter literals (no I/O); expected texts follow the OData literal forms in the Table REST docs.</summary>
public sealed class TableQueryFilterTests
{
    [Fact]
    public void CreateQueryFilter_StringWithQuote_DoublesIt() =>
        Assert.Equal("Name eq 'O''Brien'", TableClient.CreateQueryFilter($"Name eq {"O'Brien"}"));

    [Fact]
    public void CreateQueryFilter_Int64_HasLSuffix() =>
        Assert.Equal("N eq 5000000000L", TableClient.CreateQueryFilter($"N eq {5_000_000_000L}"));

    [Fact]
    public void CreateQueryFilter_Int32_IsBare() =>
        Assert.Equal("N eq 42", TableClient.CreateQueryFilter($"N eq {42}"));

    [Fact]
    public void CreateQueryFilter_WholeDouble_KeepsDecimalPoint() =>
        Assert.Equal("R eq 2.0 and S eq 0.5", TableClient.CreateQueryFilter($"R eq {2.0} and S eq {0.5}"));

    [Fact]
    public void CreateQueryFilter_Instant_IsUtcDatetimeLiteral() =>
        Assert.Equal(
            "At ge datetime'2026-11-22T06:00:00.0000000Z'",
            TableClient.CreateQueryFilter($"At ge {new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.FromHours(2))}"));

    [Fact]
    public void CreateQueryFilter_GuidBoolBytesEnum_UseTheirLiteralForms() =>
        Assert.Equal(
            "G eq guid'00000000-0000-0000-0000-000000000001' and B eq true and X eq X'0A1B' and D eq 'Friday'",
            TableClient.CreateQueryFilter(
                $"G eq {Guid.Parse("00000000-0000-0000-0000-000000000001")} and B eq {true} and X eq {new byte[] { 0x0A, 0x1B }} and D eq {DayOfWeek.Friday}"));
}
