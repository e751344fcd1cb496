using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LeadIntake.LocalHost.IntegrationTests;

/// <summary>The handshake and the host's own endpoints.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class HostStartupTests(TestWorkerHost fixture)
{
    private readonly LocalFunctionsHost _host = fixture.Host;

    [Fact]
    public async Task Status_AfterHandshake_ListsEveryFunction()
    {
        using var response = await _host.Client.SendAsync(_host.AdminRequest(HttpMethod.Get, "admin/host/status"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Running", status.GetProperty("state").GetString());
        Assert.Equal(
            ["echo", "item", "keyed", "queueRecorder", "throws", "timerRecorder"],
            status.GetProperty("functions").EnumerateArray().Select(name => name.GetString()).Order(StringComparer.Ordinal));
        Assert.Contains("Host started: 6 functions loaded (", _host.Output);
        Assert.Contains($"echo: [POST] {_host.BaseAddress}api/echo", _host.Output);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("function")]
    public async Task Status_WithoutMasterKey_Returns401(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/host/status");
        if (key is not null)
            request.Headers.Add("x-functions-key", _host.FunctionKey);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Root_Get_SaysTheHostIsRunning()
    {
        using var response = await _host.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Azure Functions local host is running", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Output_AfterStart_HasNoKeys()
    {
        Assert.DoesNotContain(_host.FunctionKey, _host.Output);
        Assert.DoesNotContain(_host.MasterKey, _host.Output);
    }
}
