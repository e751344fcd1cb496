using LeadIntake.Application.Webhooks;

namespace LeadIntake.Application.Tests.Webhooks;

/// <summary>The webhook signature: a vector computed with openssl, and every way verification must refuse.</summary>
public sealed class HandoffWebhookSignerTests
{
    private const string Secret = "test-webhook-secret-0123";
    private const string Body = """{"version":2,"handoffId":"ld_abc_sub1","email":"ada@contoso.com","score":80}""";

    // 1767225600 = 2026-01-01T00:00:00Z. Expected v1, computed independently:
    //   printf '%s' '1767225600.{"version":2,"handoffId":"ld_abc_sub1","email":"ada@contoso.com","score":80}' \
    //     | openssl dgst -sha256 -hmac 'test-webhook-secret-0123'
    //   SHA2-256(stdin)= 20e090d90dc52024afe97feb05b54d885f0c7de775f8edf7d95fad6748b2d5bd
    private const long Timestamp = 1767225600;
    private const string ExpectedV1 = "20e090d90dc52024afe97feb05b54d885f0c7de775f8edf7d95fad6748b2d5bd";
    private static readonly DateTimeOffset s_sentAt = DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    private readonly HandoffWebhookSigner _signer = new(Secret);

    [Fact]
    public void Sign_KnownVector_MatchesOpenssl()
    {
        Assert.Equal(ExpectedV1, _signer.ComputeV1(Timestamp, Body));
        Assert.Equal($"t=1767225600,v1={ExpectedV1}", _signer.Sign(Body, s_sentAt));
    }

    [Fact]
    public void Sign_FractionalSeconds_TimestampTruncatedToTheSecond()
    {
        Assert.Equal($"t=1767225600,v1={ExpectedV1}", _signer.Sign(Body, s_sentAt.AddMilliseconds(999)));
    }

    [Theory]
    [InlineData(0)]       // at once
    [InlineData(300)]     // exactly the default tolerance (5 minutes) late
    [InlineData(-300)]    // a receiver clock 5 minutes behind
    public void Verify_OwnSignatureWithinTolerance_True(int receivedSecondsLater)
    {
        var header = _signer.Sign(Body, s_sentAt);

        Assert.True(_signer.Verify(header, Body, s_sentAt.AddSeconds(receivedSecondsLater)));
    }

    [Fact]
    public void Verify_KnownVectorHeader_True()
    {
        Assert.True(new HandoffWebhookSigner(Secret).Verify($"t=1767225600,v1={ExpectedV1}", Body, s_sentAt));
    }

    [Fact]
    public void Verify_TamperedBody_False()
    {
        var header = _signer.Sign(Body, s_sentAt);

        Assert.False(_signer.Verify(header, Body.Replace("80", "99", StringComparison.Ordinal), s_sentAt));
        Assert.False(_signer.Verify(header, Body + " ", s_sentAt));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(86_400)]
    public void Verify_TimestampOutsideTolerance_False(int receivedSecondsLater)
    {
        var header = _signer.Sign(Body, s_sentAt);

        Assert.False(_signer.Verify(header, Body, s_sentAt.AddSeconds(receivedSecondsLater)));
    }

    [Fact]
    public void Verify_CustomTolerance_Honoured()
    {
        var header = _signer.Sign(Body, s_sentAt);

        Assert.False(_signer.Verify(header, Body, s_sentAt.AddSeconds(31), TimeSpan.FromSeconds(30)));
        Assert.True(_signer.Verify(header, Body, s_sentAt.AddSeconds(30), TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Verify_WrongSecret_False()
    {
        var header = new HandoffWebhookSigner("another-secret-0123456").Sign(Body, s_sentAt);

        Assert.False(_signer.Verify(header, Body, s_sentAt));
    }

    [Fact]
    public void Verify_TimestampChangedInTheHeader_False()
    {
        // A replayer cannot move an old request's timestamp forward: the timestamp is signed.
        var replayed = $"t={Timestamp + 600},v1={ExpectedV1}";

        Assert.False(_signer.Verify(replayed, Body, s_sentAt.AddSeconds(600)));
    }

    [Fact]
    public void Verify_SeveralV1OneMatching_True()
    {
        // Secret rotation: a sender signing with the old and the new secret.
        var other = new HandoffWebhookSigner("previous-secret-0123456").ComputeV1(Timestamp, Body);

        Assert.True(_signer.Verify($"t={Timestamp},v1={other},v1={ExpectedV1}", Body, s_sentAt));
        Assert.True(_signer.Verify($" t={Timestamp} , v1={ExpectedV1} ", Body, s_sentAt));
    }

    [Fact]
    public void Verify_UppercaseHex_True()
    {
        Assert.True(_signer.Verify($"t={Timestamp},v1={ExpectedV1.ToUpperInvariant()}", Body, s_sentAt));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=" + ExpectedV1)]                                            // no timestamp
    [InlineData("t=1767225600")]                                                // no signature
    [InlineData("t=1767225600,v0=" + ExpectedV1)]                               // another scheme only
    [InlineData("t=abc,v1=" + ExpectedV1)]                                      // timestamp not a number
    [InlineData("t=+1767225600,v1=" + ExpectedV1)]                              // signed number
    [InlineData("t=1767225600,t=1767225600,v1=" + ExpectedV1)]                  // two timestamps
    [InlineData("t=1767225600,v1=" + ExpectedV1 + "00")]                        // too long
    [InlineData("t=1767225600,v1=20e090d90dc52024afe97feb05b54d885f0c7de775f8edf7d95fad6748b2d5b")] // too short
    [InlineData("t=1767225600,v1=zze090d90dc52024afe97feb05b54d885f0c7de775f8edf7d95fad6748b2d5bd")] // not hex
    [InlineData("t=1767225600;v1=" + ExpectedV1)]                               // wrong separator
    [InlineData("1767225600," + ExpectedV1)]                                    // no names
    public void Verify_MalformedHeader_False(string? header)
    {
        Assert.False(_signer.Verify(header, Body, s_sentAt));
    }

    [Fact]
    public void Verify_NonAsciiBody_SignedAsUtf8()
    {
        // In a UTF-8 shell: printf '%s' '1767225600.{"company":"Zürich AG"}' | openssl dgst -sha256 -hmac 'test-webhook-secret-0123'
        const string body = """{"company":"Zürich AG"}""";

        Assert.Equal("f93c12eb99d10c8715ca3658989149732eb65536bf193fa2dd578586436f0a80", _signer.ComputeV1(Timestamp, body));
        Assert.True(_signer.Verify(_signer.Sign(body, s_sentAt), body, s_sentAt));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Constructor_NoSecret_Throws(string? secret)
    {
        Assert.ThrowsAny<ArgumentException>(() => new HandoffWebhookSigner(secret!));
    }
}
