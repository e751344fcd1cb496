using System.Text.Json.Serialization;

namespace LeadIntake.Storage.Models;

/// <summary>The <c>current</c> blob: which published model the function app serves.</summary>
/// <remarks>
/// Stored as JSON in <see cref="StorageNames.ModelsContainer"/>/<see cref="StorageNames.CurrentModelPointerBlob"/>.
/// Format (fields in order): <c>formatVersion</c>, <c>version</c>, <c>blob</c>, <c>holdoutAuc</c>, <c>publishedAt</c> (ISO-8601 UTC).
/// Format versions: 1 — <c>blob</c> names <c>&lt;version&gt;.json</c> (2026-11); 2 — <c>blob</c> names the folder
/// <c>&lt;version&gt;/</c> holding <c>model.zip</c> and <c>model-card.json</c> (2026-12). <see cref="HoldoutAuc"/> is kept here so the publish gate needs no model download.
/// </remarks>
/// <param name="FormatVersion">Pointer format; readers refuse versions they do not know.</param>
/// <param name="Version">The model version (the artifact's own version string).</param>
/// <param name="Blob">The model's blob folder in the models container, <c>&lt;version&gt;/</c>.</param>
/// <param name="HoldoutAuc">Holdout ROC AUC the model was published with.</param>
/// <param name="PublishedAt">When the pointer was moved to this model (UTC).</param>
public sealed record ModelPointer(
    [property: JsonPropertyName("formatVersion")] int FormatVersion,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("blob")] string Blob,
    [property: JsonPropertyName("holdoutAuc")] double HoldoutAuc,
    [property: JsonPropertyName("publishedAt")] DateTimeOffset PublishedAt)
{
    /// <summary>The pointer format this code writes and reads.</summary>
    public const int CurrentFormatVersion = 2;
}
