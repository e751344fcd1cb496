using System.Security.Cryptography;

namespace LeadIntake.Functions.Endpoints;

/// <summary>What the app's own pages and scripts share: their embedded text and the CSP nonce of a response.</summary>
public static class EmbeddedPage
{
    /// <summary>The embedded resource <paramref name="fileName"/> of the Endpoints folder (<c>Dashboard.html</c>, <c>snippet.js</c>).</summary>
    /// <exception cref="InvalidOperationException">The build did not embed it.</exception>
    public static string Text(string fileName)
    {
        using var stream = typeof(EmbeddedPage).Assembly.GetManifestResourceStream(typeof(EmbeddedPage).Namespace + "." + fileName)
            ?? throw new InvalidOperationException($"The embedded {fileName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A new CSP nonce: 128 random bits, base64 (the CSP grammar's base64-value), one per response.</summary>
    public static string NewNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
}
