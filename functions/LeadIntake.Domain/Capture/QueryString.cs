namespace LeadIntake.Domain.Capture;

/// <summary>Reads parameters from a URL's query string (application/x-www-form-urlencoded rules).</summary>
internal static class QueryString
{
    /// <summary>The first value of each parameter of <paramref name="url"/>'s query, names case-insensitive.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string? url)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Query.Length <= 1)
        {
            return values;
        }

        foreach (var pair in uri.Query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            values.TryAdd(name, value);
        }

        return values;
    }

    private static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}
