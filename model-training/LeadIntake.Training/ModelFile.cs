using LeadIntake.Scoring;

namespace LeadIntake.Training;

/// <summary>Loads a model folder (<c>model.zip</c> + <c>model-card.json</c>) for a CLI verb, turning a missing or invalid one into a clear message.</summary>
public static class ModelFile
{
    /// <summary>The model in <paramref name="directory"/>, or <see langword="null"/> after writing why to <paramref name="error"/>.</summary>
    public static async Task<LeadModel?> LoadAsync(DirectoryInfo directory, TextWriter error)
    {
        try
        {
            return LeadModel.Load(directory.FullName);
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            await error.WriteLineAsync($"Cannot read model {directory.FullName}: {e.Message}");
            return null;
        }
    }
}
