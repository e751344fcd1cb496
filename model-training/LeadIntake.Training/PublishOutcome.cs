using LeadIntake.Storage.Models;

namespace LeadIntake.Training;

/// <summary>What <see cref="ModelPublisher.PublishAsync"/> did.</summary>
/// <param name="Decision">The publish gate's decision.</param>
/// <param name="Previous">The pointer before publishing, or <see langword="null"/> if none existed.</param>
/// <param name="Current">The pointer after publishing; equals <paramref name="Previous"/> when refused or already current.</param>
/// <param name="AlreadyCurrent">The model was already the current one, so nothing changed.</param>
public sealed record PublishOutcome(PublishGateDecision Decision, ModelPointer? Previous, ModelPointer? Current, bool AlreadyCurrent)
{
    /// <summary>The drift gate's measurement and decision; null when no recent leads were given. Nothing was published when it refused.</summary>
    public DriftCheck? Drift { get; init; }

    /// <summary>True when the model was published (or already current): both gates allowed it.</summary>
    public bool Allowed => Decision.Allowed && Drift?.Decision.Allowed != false;
}
