namespace LeadIntake.Learning;

/// <summary>Everything the trainer needs besides the data: label, column choices, guards, holdout, marketing targets, seed.</summary>
/// <remarks>Defaults are the CLI's.</remarks>
public sealed record TrainingOptions
{
    /// <summary>Name of the outcome column (required).</summary>
    public required string Label { get; init; }

    /// <summary>The label value that means converted; <see langword="null"/> recognises 1, yes, true, won, converted.</summary>
    public string? PositiveLabel { get; init; }

    /// <summary>Columns never used as features (the label and ID-like columns are always excluded).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>If non-empty, only these columns are candidate features.</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Numeric-looking columns to read as categories (region codes, browser ids, 0/1 flags).</summary>
    public IReadOnlyList<string> Categorical { get; init; } = [];

    /// <summary>Extra cell values meaning missing, on top of a blank cell, <c>NA, N/A, null</c> (e.g. <c>Select</c>).</summary>
    public IReadOnlyList<string> MissingMarkers { get; init; } = [];

    /// <summary>Drop every column the leakage guard flags (suspicious or near-certain) instead of warning or refusing.</summary>
    public bool DropLeaky { get; init; }

    /// <summary>Columns to keep although they reach near-certain separation alone (you know they are known at intake).</summary>
    public IReadOnlyList<string> KeepLeaky { get; init; } = [];

    /// <summary>Single-column AUC at or above which a column is suspicious.</summary>
    /// <remarks>0.78: honest intake signals rarely reach it alone (time on site ≈ 0.76 on X Education), fields sales fills in after contact do (Tags 0.92).</remarks>
    public double LeakAucThreshold { get; init; } = 0.78;

    /// <summary>Single-column AUC at or above which a column is a near-certain leak: training refuses unless dropped or kept explicitly.</summary>
    public double PerfectLeakAuc { get; init; } = 0.99;

    /// <summary>Share of labelled rows held out before any choice (0 = none).</summary>
    public double Holdout { get; init; } = 0.2;

    /// <summary>With a holdout, hold out the most recent rows by this date/time column (as Dynamics 365 does) instead of a stratified sample.</summary>
    public string? TimeColumn { get; init; }

    /// <summary>Seed for every random choice (holdout, folds, trainers); same data + seed → same card and model.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Minimum positive examples in the training part; fewer → <see cref="InsufficientDataException"/>.</summary>
    public int MinPositives { get; init; } = 40;

    /// <summary>Minimum negative examples in the training part; fewer → <see cref="InsufficientDataException"/>.</summary>
    public int MinNegatives { get; init; } = 40;

    /// <summary>Cross-validation folds used to choose the model and fit the calibration.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>A categorical column keeps at most this many frequent levels (each seen in at least 5 rows); others set no indicator.</summary>
    public int MaxCategoryLevels { get; init; } = 30;

    /// <summary>Leads arriving per week, for the cut-offs.</summary>
    public int LeadsPerWeek { get; init; } = 250;

    /// <summary>SQLs sales can take per week.</summary>
    public int SqlCapacity { get; init; } = 50;

    /// <summary>Share of SQLs that should convert.</summary>
    public double SqlPrecision { get; init; } = 0.7;

    /// <summary>Share of MQLs that should convert.</summary>
    public double MqlPrecision { get; init; } = 0.5;

    /// <summary>Creation instant written into the card; when <see langword="null"/>, <see cref="TimeProvider"/> is asked.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Clock for the creation time when <see cref="CreatedAt"/> is not given.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
