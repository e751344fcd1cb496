using Xunit;

namespace LeadIntake.Storage.IntegrationTests;

/// <summary>Connection-string parsing (no I/O).</summary>
public sealed class StorageConnectionStringTests
{
    private const string Key = "a2V5";

    [Fact]
    public void Parse_UseDevelopmentStorage_ExpandsToAzuriteDefaults()
    {
        var parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), parsed.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), parsed.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal(Convert.FromBase64String(StorageConnectionString.DevelopmentAccountKey), parsed.AccountKey);
    }

    [Fact]
    public void Parse_AccountKeyOnly_BuildsHttpsEndpointsFromSuffix()
    {
        var parsed = StorageConnectionString.Parse($"DefaultEndpointsProtocol=https;AccountName=leads;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn");

        Assert.Equal(new Uri("https://leads.table.core.chinacloudapi.cn"), parsed.TableEndpoint);
        Assert.Equal(new Uri("https://leads.queue.core.chinacloudapi.cn"), parsed.QueueEndpoint);
        Assert.Equal(new Uri("https://leads.blob.core.chinacloudapi.cn"), parsed.BlobEndpoint);
        Assert.Equal("key"u8.ToArray(), parsed.AccountKey);
    }

    [Fact]
    public void Parse_NoProtocolOrSuffix_DefaultsToHttpsCoreWindowsNet()
    {
        var parsed = StorageConnectionString.Parse($"AccountName=leads;AccountKey={Key}");

        Assert.Equal(new Uri("https://leads.queue.core.windows.net"), parsed.QueueEndpoint);
    }

    [Fact]
    public void Parse_ExplicitEndpoint_WinsOverSuffix()
    {
        var parsed = StorageConnectionString.Parse(
            $"AccountName=devstoreaccount1;AccountKey={Key};TableEndpoint=http://127.0.0.1:4242/devstoreaccount1;");

        Assert.Equal(new Uri("http://127.0.0.1:4242/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal(new Uri("https://devstoreaccount1.queue.core.windows.net"), parsed.QueueEndpoint);
    }

    [Fact]
    public void Parse_KeysCaseInsensitiveAndValueContainsEquals_SplitsOnFirstEquals()
    {
        var parsed = StorageConnectionString.Parse(" accountname = leads ; ACCOUNTKEY=YWJjZA==;");

        Assert.Equal("leads", parsed.AccountName);
        Assert.Equal("abcd"u8.ToArray(), parsed.AccountKey);
    }

    [Theory]
    [InlineData("AccountName=leads")] // no key
    [InlineData("AccountKey=a2V5")] // no account
    [InlineData("AccountName=leads;AccountKey=not base64!")]
    [InlineData("AccountName=leads;AccountKey=a2V5;DefaultEndpointsProtocol=ftp")]
    [InlineData("AccountName=leads;AccountKey=a2V5;TableEndpoint=not-a-uri")]
    [InlineData("AccountName=leads;AccountKey=a2V5;AccountName=other")]
    [InlineData("AccountName=leads;AccountKey=a2V5;junk")]
    [InlineData("UseDevelopmentStorage=false")]
    [InlineData("UseDevelopmentStorage=true;AccountName=x")]
    [InlineData("BlobEndpoint=https://x.blob.core.windows.net;SharedAccessSignature=sv=2020&sig=abc")]
    public void Parse_Invalid_ThrowsFormatException(string connectionString)
    {
        Assert.Throws<FormatException>(() => StorageConnectionString.Parse(connectionString));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Parse_NullOrBlank_ThrowsArgumentException(string? connectionString)
    {
        Assert.ThrowsAny<ArgumentException>(() => StorageConnectionString.Parse(connectionString!));
    }

    [Fact]
    public void ToString_NeverShowsTheKey()
    {
        var text = StorageConnectionString.Parse("UseDevelopmentStorage=true").ToString();

        Assert.DoesNotContain(StorageConnectionString.DevelopmentAccountKey, text);
        Assert.Contains("devstoreaccount1", text);
    }
}
