namespace LeadIntake.Training;

/// <summary>Process exit codes of the training CLI, so scripts and CI can branch on the outcome.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command ran but failed or refused (too little data, publish gate, storage error, bad file).</summary>
    public const int Failed = 1;

    /// <summary>The command line itself was wrong (unknown verb or option, missing required option).</summary>
    public const int Usage = 2;
}
