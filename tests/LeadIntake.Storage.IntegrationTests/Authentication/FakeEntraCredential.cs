using System.Text;
using System.Text.Json;
using Azure.Core;

namespace LeadIntake.Storage.IntegrationTests.Authentication;

/// <summary>
/// Stands in for Entra ID: issues unsigned JWTs with the claims Azurite's OAuth mode checks (issuer, audience, nbf/exp/iat),
/// and records the scopes it was asked for. Azurite checks claims but not signatures, so this exercises the real bearer path.
/// </summary>
internal sealed class FakeEntraCredential(TimeProvider clock, TimeSpan lifetime) : TokenCredential
{
    private readonly List<string> _scopes = [];

    public IReadOnlyList<string> RequestedScopes
    {
        get
        {
            lock (_scopes)
                return [.. _scopes];
        }
    }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (_scopes)
            _scopes.AddRange(requestContext.Scopes);
        var now = clock.GetUtcNow();
        var payload = new Dictionary<string, object>
        {
            ["aud"] = "https://storage.azure.com",
            ["iss"] = "https://sts.windows.net/ab1f708d-50f6-404c-a006-d71b2ac7a606/",
            ["iat"] = now.AddMinutes(-10).ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-10).ToUnixTimeSeconds(),
            ["exp"] = now.Add(lifetime).ToUnixTimeSeconds(),
        };
        var token = Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8.ToArray()) + "."
            + Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload)) + "."
            + Base64Url("not-checked"u8.ToArray());
        // Tell the policy the token is good for an hour either way, so an "expired" token is really sent.
        return new AccessToken(token, now.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
