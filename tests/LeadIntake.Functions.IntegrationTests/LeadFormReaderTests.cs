using System.Text;
using LeadIntake.Functions.Endpoints;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>LeadFormReader on in-memory requests: every way a body can be unreadable is a 4xx or ClientGone, never an exception.</summary>
public sealed class LeadFormReaderTests
{
    private const int MaxBodyBytes = 32 * 1024;

    private static HttpRequest Request(string contentType, byte[] body, CancellationToken aborted = default)
    {
        var context = new DefaultHttpContext { RequestAborted = aborted };
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(body);
        return context.Request;
    }

    private static HttpRequest Failing(Exception error, CancellationToken aborted = default)
    {
        var context = new DefaultHttpContext { RequestAborted = aborted };
        context.Request.ContentType = "application/json";
        context.Request.Body = new FailingStream(error);
        return context.Request;
    }

    private static CancellationToken Cancelled() => new(canceled: true);

    // Raw bytes, so the table can hold what no valid string holds (0xFF, a lone surrogate escape).
    private static byte[] Bytes(params object[] parts) =>
        [.. parts.SelectMany(p => p is string s ? Encoding.UTF8.GetBytes(s) : (byte[])p)];

    public static TheoryData<string, string, byte[], string> RefusedBodies => new()
    {
        { "escaped lone high surrogate in a value", "application/json", Bytes("{\"email\":\"\\ud800\"}"),
          "The JSON body holds a string that is not valid Unicode text (a lone surrogate escape such as \\ud800)." },
        { "escaped lone low surrogate in a name", "application/json", Bytes("{\"\\udc00\":\"x\"}"),
          "The JSON body holds a string that is not valid Unicode text (a lone surrogate escape such as \\ud800)." },
        { "invalid UTF-8 byte in a JSON string", "application/json", Bytes("{\"email\":\"a", new byte[] { 0xFF }, "\"}"),
          "The JSON body is not valid UTF-8 text." },
        { "overlong UTF-8 in a JSON name", "application/json", Bytes("{\"a", new byte[] { 0xC0, 0xAF }, "\":\"x\"}"),
          "The JSON body is not valid UTF-8 text." },
        { "boundary of 71 characters (RFC 2046 allows 70)", "multipart/form-data; boundary=" + new string('b', 71), Bytes("--"),
          "The multipart boundary is 71 characters long; at most 70 are allowed (RFC 2046)." },
        { "boundary of 5,000 characters (MultipartReader throws ArgumentOutOfRangeException)", "multipart/form-data; boundary=" + new string('b', 5000), Bytes("--"),
          "The multipart boundary is 5000 characters long; at most 70 are allowed (RFC 2046)." },
    };

    [Theory]
    [MemberData(nameof(RefusedBodies))]
    public async Task ReadAsync_MalformedText_400WithPlainDetail(string name, string contentType, byte[] body, string detail)
    {
        var read = await LeadFormReader.ReadAsync(Request(contentType, body), MaxBodyBytes);

        Assert.True(read.Fields is null, name);
        Assert.Equal(StatusCodes.Status400BadRequest, read.FailureStatus);
        Assert.Equal(detail, read.FailureDetail);
    }

    [Fact]
    public async Task ReadAsync_UrlEncodedInvalidUtf8_ReplacedNotRefused()
    {
        var body = Bytes("email=a", new byte[] { 0xFF }, "b&n", new byte[] { 0xFE }, "=1&pct=%FF&ok=%F0%9F%98%80");

        var read = await LeadFormReader.ReadAsync(Request("application/x-www-form-urlencoded", body), MaxBodyBytes);

        // Raw bytes that are not UTF-8 become U+FFFD; a percent escape that is not UTF-8 stays as typed.
        Assert.Equal(
            [new("email", "a\uFFFDb"), new("n\uFFFD", "1"), new("pct", "%FF"), new("ok", "\U0001F600")],
            read.Fields!);
    }

    [Fact]
    public async Task ReadAsync_MultipartInvalidUtf8_ReplacedNotRefused()
    {
        var body = Bytes(
            "--b\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na", new byte[] { 0xFF }, "b\r\n",
            "--b\r\nContent-Disposition: form-data; name=\"n", new byte[] { 0xFF }, "\"\r\n\r\nv\r\n--b--\r\n");

        var read = await LeadFormReader.ReadAsync(Request("multipart/form-data; boundary=b", body), MaxBodyBytes);

        Assert.Equal([new("email", "a\uFFFDb"), new("n\uFFFD", "v")], read.Fields!);
    }

    [Fact]
    public async Task ReadAsync_Boundary70Characters_Read()
    {
        var boundary = new string('b', 70);
        var body = Bytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nana@example.com\r\n--{boundary}--\r\n");

        var read = await LeadFormReader.ReadAsync(Request("multipart/form-data; boundary=" + boundary, body), MaxBodyBytes);

        Assert.Equal([new("email", "ana@example.com")], read.Fields!);
    }

    [Theory]
    [InlineData(StatusCodes.Status400BadRequest, "Bad chunk size data.", StatusCodes.Status400BadRequest)]
    [InlineData(StatusCodes.Status413PayloadTooLarge, "Request body too large.", StatusCodes.Status413PayloadTooLarge)]
    [InlineData(StatusCodes.Status408RequestTimeout, "Request timed out.", StatusCodes.Status408RequestTimeout)]
    [InlineData(StatusCodes.Status500InternalServerError, "Odd.", StatusCodes.Status400BadRequest)]
    public async Task ReadAsync_BadHttpRequest_ItsStatusAndMessage(int thrown, string message, int expected)
    {
        var read = await LeadFormReader.ReadAsync(Failing(new BadHttpRequestException(message, thrown)), MaxBodyBytes);

        Assert.Null(read.Fields);
        Assert.Equal(expected, read.FailureStatus);
        Assert.Equal("The body could not be read: " + message, read.FailureDetail);
        Assert.False(read.IsClientGone);
    }

    public static TheoryData<string, Exception, bool> GoneCases => new()
    {
        { "IOException after the client aborted", new IOException("The client reset the request stream."), true },
        { "OperationCanceledException after the client aborted", new OperationCanceledException(), true },
        { "BadHttpRequestException (unexpected end) after the client aborted", new BadHttpRequestException("Unexpected end of request content.", 400), true },
        { "Kestrel's connection reset, even before RequestAborted fires", new ConnectionResetException("Connection reset by peer"), false },
    };

    [Theory]
    [MemberData(nameof(GoneCases))]
    public async Task ReadAsync_ClientDisconnects_ClientGoneNotAnException(string name, Exception error, bool aborted)
    {
        var read = await LeadFormReader.ReadAsync(Failing(error, aborted ? Cancelled() : default), MaxBodyBytes);

        Assert.True(read.IsClientGone, name);
        Assert.Same(FormReadResult.ClientGone, read);
        Assert.Equal(FormReadResult.ClientClosedRequestStatus, read.FailureStatus);
        Assert.Null(read.Fields);
    }

    [Fact]
    public async Task ReadAsync_HostCancelsClientStillThere_Throws()
    {
        var token = Cancelled();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => LeadFormReader.ReadAsync(Failing(new OperationCanceledException(token)), MaxBodyBytes, token));
    }

    [Fact]
    public async Task ReadAsync_OtherIOExceptionClientStillThere_400()
    {
        var read = await LeadFormReader.ReadAsync(Failing(new IOException("The stream broke.")), MaxBodyBytes);

        Assert.Equal(StatusCodes.Status400BadRequest, read.FailureStatus);
        Assert.Equal("The body could not be read: The stream broke.", read.FailureDetail);
    }

    private sealed class FailingStream(Exception error) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw error;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw error;

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
