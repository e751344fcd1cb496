namespace LeadIntake.Storage.Tables;

/// <summary>The operation of one <see cref="TableTransactionAction"/>.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; fails with 409 if the entity exists.</summary>
    Add,

    /// <summary>Merge into an existing entity, conditional on the action's ETag (or any version when it is default).</summary>
    UpdateMerge,

    /// <summary>Replace an existing entity, conditional on the action's ETag (or any version when it is default).</summary>
    UpdateReplace,

    /// <summary>Delete, conditional on the action's ETag (or any version when it is default).</summary>
    Delete,

    /// <summary>Insert or merge.</summary>
    UpsertMerge,

    /// <summary>Insert or replace.</summary>
    UpsertReplace,
}
