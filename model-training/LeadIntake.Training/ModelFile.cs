using System.Text.Json;
using LeadIntake.Learning;

namespace LeadIntake.Training;

/// <summary>Reads a <c>model.json</c> for a CLI verb, turning a missing or unreadable file into a clear message.</summary>
public static class ModelFile
{
    /// <summary>The artifact in <paramref name="file"/>, or <see langword="null"/> after writing why to <paramref name="error"/>.</summary>
    public static async Task<ModelArtifact?> ReadAsync(FileInfo file, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (!file.Exists)
        {
            await error.WriteLineAsync($"Model file not found: {file.FullName}");
            return null;
        }

        try
        {
            await using var stream = file.OpenRead();
            return await ModelArtifact.ReadAsync(stream, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or NotSupportedException)
        {
            await error.WriteLineAsync($"Cannot read model {file.FullName}: {e.Message}");
            return null;
        }
    }
}
