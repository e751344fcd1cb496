namespace LeadIntake.Storage.Tables;

/// <summary>A table, as returned when it is created.</summary>
/// <param name="Name">The table name.</param>
public sealed record TableItem(string Name);
