using Azure;

namespace LeadIntake.Storage.Tables;

/// <summary>One operation of an entity-group transaction (<see cref="TableClient.SubmitTransactionAsync"/>).</summary>
/// <param name="ActionType">What to do with <paramref name="Entity"/>.</param>
/// <param name="Entity">The entity; for <see cref="TableTransactionActionType.Delete"/> only its keys matter.</param>
/// <param name="ETag">For updates and deletes: the version that must still be stored; default means any version.</param>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, ITableEntity Entity, ETag ETag = default);
