namespace LeadIntake.Storage.Tables;

/// <summary>How an update or upsert treats properties the stored entity has and the new one lacks.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep them: only the properties sent are written (HTTP MERGE).</summary>
    Merge,

    /// <summary>Drop them: the stored entity becomes exactly the one sent (HTTP PUT).</summary>
    Replace,
}
