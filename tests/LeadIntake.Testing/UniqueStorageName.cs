namespace LeadIntake.Testing;

/// <summary>Names for a test's own table, queue or blob container, so tests never share storage.</summary>
/// <remarks>
/// A name is the prefix plus 12 random lower-case hex digits: valid as a table name (letters and digits, starting with a
/// letter), a queue name and a container name (lower case, 3–63 characters) alike.
/// </remarks>
public static class UniqueStorageName
{
    private const int MaxPrefixLength = 40;

    /// <summary>A fresh name starting with <paramref name="prefix"/>.</summary>
    /// <exception cref="ArgumentException">The prefix is not lower-case letters and digits starting with a letter, or is longer than 40.</exception>
    public static string Create(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (prefix.Length > MaxPrefixLength || !char.IsAsciiLetterLower(prefix[0]) || !prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
            throw new ArgumentException($"Prefix '{prefix}' must be 1–{MaxPrefixLength} lower-case letters or digits, starting with a letter.", nameof(prefix));
        return prefix + Guid.NewGuid().ToString("N")[..12];
    }
}
