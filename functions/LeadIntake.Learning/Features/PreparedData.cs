namespace LeadIntake.Learning.Features;

/// <summary>A history after profiling: the profile, the feature schema, and the labelled rows encoded against it.</summary>
internal sealed record PreparedData(DatasetProfile Profile, FeatureSchema Schema, EncodedDataset Data, TrainingDataFingerprint Fingerprint);
