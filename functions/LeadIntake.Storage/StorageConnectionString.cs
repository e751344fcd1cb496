namespace LeadIntake.Storage;

/// <summary>A parsed Azure Storage connection string: account name, account key and the three service endpoints.</summary>
/// <remarks>
/// Accepts <c>UseDevelopmentStorage=true</c> (Azurite on its default ports), account-key strings with
/// <c>DefaultEndpointsProtocol</c>/<c>EndpointSuffix</c>, and explicit <c>BlobEndpoint</c>/<c>QueueEndpoint</c>/<c>TableEndpoint</c>
/// (explicit endpoints win). Keys are case-insensitive; each pair is split on its first <c>=</c> because keys contain <c>=</c>.
/// Shared access signatures are not supported: use an account key, or a <c>TokenCredential</c> constructor.
/// <see cref="ToString"/> never prints the key.
/// </remarks>
public sealed class StorageConnectionString
{
    /// <summary>The Azurite well-known account name.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The Azurite well-known account key (published: https://learn.microsoft.com/azure/storage/common/storage-use-azurite).</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private StorageConnectionString(string accountName, byte[] accountKey, Uri blobEndpoint, Uri queueEndpoint, Uri tableEndpoint)
    {
        AccountName = accountName;
        AccountKey = accountKey;
        BlobEndpoint = blobEndpoint;
        QueueEndpoint = queueEndpoint;
        TableEndpoint = tableEndpoint;
    }

    /// <summary>The storage account name used in Shared Key signatures.</summary>
    public string AccountName { get; }

    /// <summary>Base URI of the Blob service (path-style on Azurite: <c>…/devstoreaccount1</c>).</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>Base URI of the Queue service.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary>Base URI of the Table service.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>The decoded account key (the HMAC-SHA256 key of Shared Key signatures).</summary>
    internal byte[] AccountKey { get; }

    /// <summary>Parses <paramref name="connectionString"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is null or blank.</exception>
    /// <exception cref="FormatException">A pair has no <c>=</c>, the key is not base64, or the account name, key or an endpoint is missing.</exception>
    public static StorageConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = ReadPairs(connectionString);

        if (settings.TryGetValue("UseDevelopmentStorage", out var development))
        {
            if (!string.Equals(development, "true", StringComparison.OrdinalIgnoreCase))
                throw new FormatException("UseDevelopmentStorage must be 'true' when present.");
            if (settings.Count > 1)
                throw new FormatException("UseDevelopmentStorage=true cannot be combined with other settings.");
            return new StorageConnectionString(
                DevelopmentAccountName,
                Convert.FromBase64String(DevelopmentAccountKey),
                new Uri($"http://127.0.0.1:10000/{DevelopmentAccountName}"),
                new Uri($"http://127.0.0.1:10001/{DevelopmentAccountName}"),
                new Uri($"http://127.0.0.1:10002/{DevelopmentAccountName}"));
        }

        if (settings.ContainsKey("SharedAccessSignature"))
            throw new FormatException("SharedAccessSignature connection strings are not supported; use AccountKey or a TokenCredential.");

        var accountName = Required(settings, "AccountName");
        var accountKey = DecodeKey(Required(settings, "AccountKey"));
        var protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        if (protocol is not ("http" or "https"))
            throw new FormatException($"DefaultEndpointsProtocol must be 'http' or 'https', not '{protocol}'.");
        var suffix = settings.GetValueOrDefault("EndpointSuffix", "core.windows.net");

        return new StorageConnectionString(
            accountName,
            accountKey,
            Endpoint(settings, "BlobEndpoint", $"{protocol}://{accountName}.blob.{suffix}"),
            Endpoint(settings, "QueueEndpoint", $"{protocol}://{accountName}.queue.{suffix}"),
            Endpoint(settings, "TableEndpoint", $"{protocol}://{accountName}.table.{suffix}"));
    }

    /// <summary>The account and endpoints, without the key.</summary>
    public override string ToString() =>
        $"AccountName={AccountName};BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint}";

    private static Dictionary<string, string> ReadPairs(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
                throw new FormatException($"Connection string setting '{pair.Split('=')[0]}' has no value.");
            var key = pair[..equals].Trim();
            if (!settings.TryAdd(key, pair[(equals + 1)..].Trim()))
                throw new FormatException($"Connection string setting '{key}' appears twice.");
        }

        return settings;
    }

    private static string Required(Dictionary<string, string> settings, string key) =>
        settings.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new FormatException($"Connection string has no {key}.");

    private static byte[] DecodeKey(string key)
    {
        try
        {
            return Convert.FromBase64String(key);
        }
        catch (FormatException e)
        {
            throw new FormatException("AccountKey is not valid base64.", e);
        }
    }

    private static Uri Endpoint(Dictionary<string, string> settings, string key, string fallback)
    {
        var text = settings.GetValueOrDefault(key, fallback);
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new FormatException($"{key} '{text}' is not an absolute http(s) URI.");
    }
}
