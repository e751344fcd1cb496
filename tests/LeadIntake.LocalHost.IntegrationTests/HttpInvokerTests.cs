using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LeadIntake.LocalHost.IntegrationTests;

/// <summary>HTTP triggers through the host: forwarding, routing, auth levels and failures.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class HttpInvokerTests(TestWorkerHost fixture)
{
    private readonly LocalFunctionsHost _host = fixture.Host;

    [Fact]
    public async Task Echo_FiftyParallelPosts_EachGetsItsOwnBodyAndHeader()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/echo") { Content = new StringContent($"body {i}") };
            request.Headers.Add("x-test", $"header {i}");
            using var response = await _host.Client.SendAsync(request);
            return (i, response.StatusCode, Body: await response.Content.ReadAsStringAsync(), Header: string.Join(",", response.Headers.GetValues("x-echo")));
        }));

        Assert.All(responses, r =>
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal($"body {r.i}", r.Body);
            Assert.Equal($"header {r.i}", r.Header);
        });
    }

    [Fact]
    public async Task Echo_ClientSendsInvocationId_HostReplacesIt()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/echo") { Content = new StringContent("spoofed") };
        request.Headers.Add("x-ms-invocation-id", "not-an-invocation");

        using var response = await _host.Client.SendAsync(request);

        // Had the client's id reached the worker, it would wait for an invocation that never comes.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("spoofed", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Item_RouteValue_BindsToParameter()
    {
        using var response = await _host.Client.GetAsync("api/items/42");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("item 42", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Route_Unknown_Returns404Problem()
    {
        using var response = await _host.Client.GetAsync("api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":404", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Echo_WrongMethod_Returns405WithAllow()
    {
        using var response = await _host.Client.GetAsync("api/echo");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Throws_FunctionThrows_Returns500WithoutStackTrace()
    {
        using var response = await _host.Client.GetAsync("api/throws");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("always fails", body);
    }

    [Fact]
    public async Task Keyed_NoKey_Returns401()
    {
        using var response = await _host.Client.GetAsync("api/keyed");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Keyed_WrongKey_Returns401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/keyed");
        request.Headers.Add("x-functions-key", "not-the-key");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Keyed_FunctionKeyHeader_Returns200()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/keyed");
        request.Headers.Add("x-functions-key", _host.FunctionKey);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("keyed ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Keyed_CodeQuery_Returns200()
    {
        using var response = await _host.Client.GetAsync($"api/keyed?code={Uri.EscapeDataString(_host.FunctionKey)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("keyed ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Keyed_MasterKey_Returns200()
    {
        using var response = await _host.Client.SendAsync(_host.AdminRequest(HttpMethod.Get, "api/keyed"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("keyed ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Echo_MalformedChunkedBody_Returns400()
    {
        var response = await RawAsync("POST /api/echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nnot a chunk\r\n0\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400 ", response);
    }

    [Fact]
    public async Task Echo_ClientDisconnectsMidBody_HostLogsOneLineAndKeepsServing()
    {
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, _host.BaseAddress.Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("POST /api/echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\nonly a part"));
            await stream.FlushAsync();
        }

        await fixture.WaitUntilAsync(() => _host.Output.Contains("the client disconnected or sent a malformed body"), TimeSpan.FromSeconds(30), "the disconnect was logged");
        using var response = await _host.Client.PostAsync("api/echo", new StringContent("still here"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Unhandled exception", _host.Output);
        Assert.DoesNotContain("Unexpected end of request content.    at ", _host.Output);
    }

    private async Task<string> RawAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _host.BaseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }
}
