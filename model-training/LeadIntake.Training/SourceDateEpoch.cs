using System.Globalization;

namespace LeadIntake.Training;

/// <summary>
/// The reproducible-builds convention <c>SOURCE_DATE_EPOCH</c> (https://reproducible-builds.org/specs/source-date-epoch/):
/// when set, it is the artifact's <c>createdAt</c>, so two trainings on the same data and seed give byte-identical files.
/// </summary>
public static class SourceDateEpoch
{
    /// <summary>The environment variable, in Unix seconds.</summary>
    public const string EnvironmentVariable = "SOURCE_DATE_EPOCH";

    /// <summary>The instant it names, or <see langword="null"/> when unset.</summary>
    /// <exception cref="FormatException">It is set but is not a whole number of seconds.</exception>
    public static DateTimeOffset? Read()
    {
        var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(value))
            return null;

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw new FormatException($"{EnvironmentVariable} must be whole seconds since 1970-01-01 UTC, not '{value}'.");
    }
}
