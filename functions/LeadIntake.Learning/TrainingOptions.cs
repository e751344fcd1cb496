namespace LeadIntake.Learning;

/// <summary>Everything the trainer needs to know besides the data: label, column choices, guards, search and seed.</summary>
/// <remarks>Defaults are the ones the CLI uses. Options travel inside the artifact so a model can be retrained the same way.</remarks>
public sealed record TrainingOptions
{
    /// <summary>Name of the outcome column (required).</summary>
    public required string Label { get; init; }

    /// <summary>The label value that means "converted"; <see langword="null"/> recognises 1, yes, true, won, converted.</summary>
    public string? PositiveLabel { get; init; }

    /// <summary>Columns never used as features (the label and ID-like columns are always excluded).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>If non-empty, only these columns are candidate features.</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Extra cell values meaning "missing", on top of <c>"", NA, N/A, null</c> (e.g. <c>Select</c>).</summary>
    public IReadOnlyList<string> MissingMarkers { get; init; } = [];

    /// <summary>Drop the columns the leakage guard flags instead of only warning about them.</summary>
    public bool DropLeaky { get; init; }

    /// <summary>Single-column AUC at or above which a column is flagged as a likely leak.</summary>
    /// <remarks>0.78: honest intake signals rarely reach it alone (time on site scores about 0.76 on the X Education data), while fields sales fills in after contact do (Tags 0.92, Lead Quality 0.80).</remarks>
    public double LeakAucThreshold { get; init; } = 0.78;

    /// <summary>Seed for every random choice (folds, splits); same data + seed → byte-identical artifact.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Minimum number of positive examples; fewer → <see cref="InsufficientDataException"/>.</summary>
    public int MinPositives { get; init; } = 40;

    /// <summary>Minimum number of negative examples; fewer → <see cref="InsufficientDataException"/>.</summary>
    public int MinNegatives { get; init; } = 40;

    /// <summary>Cross-validation folds used to choose the model and fit the calibration.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>A categorical column keeps at most this many frequent levels; the rest become "other" (≤ 62).</summary>
    public int MaxCategoryLevels { get; init; } = 30;

    /// <summary>Model families to consider (<see cref="ModelKind"/> values); empty means all.</summary>
    public IReadOnlyList<string> ModelKinds { get; init; } = [];

    /// <summary>SQLs the sales team can work per week, for the threshold recommendation.</summary>
    public int WeeklySalesCapacity { get; init; } = 50;

    /// <summary>Leads arriving per week, for the threshold recommendation.</summary>
    public int WeeklyLeadVolume { get; init; } = 250;

    /// <summary>Precision (share that convert) wanted among sales-qualified leads.</summary>
    public double SqlTargetPrecision { get; init; } = 0.7;

    /// <summary>Conversion rate the marginal marketing-qualified lead should reach (leads just above the MQL threshold).</summary>
    public double MqlTargetPrecision { get; init; } = 0.5;

    /// <summary>Creation instant written into the artifact; when <see langword="null"/>, <see cref="TimeProvider"/> is asked.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Clock for <c>createdAt</c> when <see cref="CreatedAt"/> is not given (not serialised).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
