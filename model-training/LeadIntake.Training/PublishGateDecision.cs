namespace LeadIntake.Training;

/// <summary>What the publish gate decided and why, in words fit for the console.</summary>
/// <param name="Allowed">True when the model may be published.</param>
/// <param name="Forced">True when only <c>--force</c> let it through.</param>
/// <param name="Reason">One sentence naming both AUCs and the margin.</param>
public sealed record PublishGateDecision(bool Allowed, bool Forced, string Reason);
