using System.Globalization;
using LeadIntake.Storage.Tables;
using Xunit;

namespace LeadIntake.Storage.IntegrationTests.Tables;

public sealed partial class TableClientTests
{
    // 2^53 + 1: above 2^31 and not representable as a double, so a number-typed detour would change it.
    private const long BigInt64 = 9_007_199_254_740_993L;

    private static readonly DateTimeOffset Instant = new(2026, 11, 22, 8, 15, 30, TimeSpan.FromHours(2));

    [Fact]
    public async Task TypedEntity_EveryColumnType_RoundTripsUnchanged()
    {
        var sent = new AllTypesEntity
        {
            PartitionKey = "p",
            RowKey = "r",
            Text = "héllo \"quoted\" 'single'",
            Flag = true,
            Int32 = int.MinValue,
            Int64 = BigInt64,
            Double = 0.1 + 0.2,
            WholeDouble = 2.0,
            Instant = Instant.AddTicks(1234567),
            DateTime = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            Id = Guid.Parse("7d9f3c5e-2a1b-4c8d-9e0f-112233445566"),
            Bytes = [0, 1, 254, 255],
            Data = BinaryData.FromString("data"),
            Day = DayOfWeek.Friday,
            NullableInt64 = -BigInt64,
            NullableInstant = null,
        };
        await _table.AddEntityAsync(sent);

        var back = (await _table.GetEntityAsync<AllTypesEntity>("p", "r")).Value;

        Assert.Equal(sent.Text, back.Text);
        Assert.True(back.Flag);
        Assert.Equal(int.MinValue, back.Int32);
        Assert.Equal(BigInt64, back.Int64);
        Assert.Equal(0.1 + 0.2, back.Double);
        Assert.Equal(2.0, back.WholeDouble);
        Assert.Equal(sent.Instant, back.Instant);
        Assert.Equal(TimeSpan.Zero, back.Instant.Offset);
        Assert.Equal(sent.DateTime, back.DateTime);
        Assert.Equal(DateTimeKind.Utc, back.DateTime.Kind);
        Assert.Equal(sent.Id, back.Id);
        Assert.Equal(sent.Bytes, back.Bytes);
        Assert.Equal("data", back.Data!.ToString());
        Assert.Equal(DayOfWeek.Friday, back.Day);
        Assert.Null(back.MissingNumber);
        Assert.Equal(-BigInt64, back.NullableInt64);
        Assert.Null(back.NullableInstant);
    }

    [Fact]
    public async Task TableEntity_TypesFromAnnotations_ComeBackAsWritten()
    {
        await _table.AddEntityAsync(new TableEntity("p", "r")
        {
            ["Int64"] = BigInt64,
            ["WholeDouble"] = 2.0,
            ["Int32"] = 2,
            ["Instant"] = Instant,
            ["Id"] = Guid.Empty,
            ["Bytes"] = new byte[] { 1, 2, 3 },
            ["Flag"] = false,
            ["Text"] = "12345",
        });

        var back = (await _table.GetEntityAsync<TableEntity>("p", "r")).Value;

        Assert.IsType<long>(back["Int64"]);
        Assert.Equal(BigInt64, back.GetInt64("Int64"));
        Assert.IsType<double>(back["WholeDouble"]);
        Assert.Equal(2.0, back.GetDouble("WholeDouble"));
        Assert.IsType<int>(back["Int32"]);
        Assert.Equal(Instant.ToUniversalTime(), back.GetDateTimeOffset("Instant"));
        Assert.Equal(Guid.Empty, back.GetGuid("Id"));
        Assert.Equal(new byte[] { 1, 2, 3 }, back.GetBinary("Bytes"));
        Assert.False(back.GetBoolean("Flag"));
        Assert.Equal("12345", back.GetString("Text"));
    }

    [Fact]
    public async Task QueryAsync_Int64AndDoubleFilters_CompareAsThoseTypes()
    {
        await _table.AddEntityAsync(new TableEntity("p", "small") { ["Big"] = 1L, ["Ratio"] = 2.0 });
        await _table.AddEntityAsync(new TableEntity("p", "large") { ["Big"] = BigInt64, ["Ratio"] = 2.5 });

        var big = await ToListAsync(_table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Big gt {int.MaxValue + 1L}")));
        var ratio = await ToListAsync(_table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Ratio eq {2.0}")));

        Assert.Equal("large", Assert.Single(big).RowKey);
        Assert.Equal("small", Assert.Single(ratio).RowKey);
    }

    [Fact]
    public async Task QueryAsync_DateTimeFilter_SelectsByInstant()
    {
        await _table.AddEntityAsync(new TableEntity("p", "before") { ["At"] = Instant.AddMinutes(-1) });
        await _table.AddEntityAsync(new TableEntity("p", "after") { ["At"] = Instant.AddMinutes(1) });

        var after = await ToListAsync(_table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"At ge {Instant}")));

        Assert.Equal("after", Assert.Single(after).RowKey);
        Assert.Equal(Instant.AddMinutes(1).ToString("O", CultureInfo.InvariantCulture),
            after[0].GetDateTimeOffset("At")!.Value.ToOffset(Instant.Offset).ToString("O", CultureInfo.InvariantCulture));
    }
}
