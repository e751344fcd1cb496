using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using LeadIntake.Application.PersonalData;

namespace LeadIntake.Storage.PersonalData;

/// <summary>One person's rows in every table of <see cref="StorageNames.Tables"/> and messages in every poison queue, found and erased.</summary>
/// <remarks>
/// <para>
/// A row belongs to the person when its PartitionKey is the lead id (Leads with its hand-off outbox rows, StageHistory,
/// ScoreSnapshots, LeadActivities) or its <see cref="LeadIdColumn"/> column is (the day-partitioned StageChangesByDay,
/// Deadlines, SlaBreaches, SalesCycles). Every table is searched with the one filter <see cref="FilterFor"/>, so a table
/// added to <see cref="StorageNames.Tables"/> later is searched without a change here, provided it keys or labels its
/// rows by lead id. The price: <c>or</c> across PartitionKey and a column is a full scan of each table (the service reads
/// every row; only matches come back), so the cost grows with the account's rows, not the person's.
/// </para>
/// <para>
/// Rows go in one entity-group transaction per partition and 100 rows, unconditionally (<see cref="ETag.All"/>: erasure
/// wins over a concurrent update); the Leads table goes last, so a failure part-way leaves the lead findable and a retry
/// finishes the job. A message of a poison queue belongs to the person when its body names the lead id or the email
/// (case-insensitive, JSON escapes decoded). Poison queues are read by receiving every message in batches of 32, each held
/// invisible (<see cref="ScanHold"/>) until the scan ends, then made visible again at once — except the deleted ones.
/// Thread-safe.
/// </para>
/// </remarks>
public sealed class TablePersonalDataStore(TableServiceClient tables, QueueServiceClient queues) : IPersonalDataStore
{
    /// <summary>The column of day-partitioned rows naming their lead.</summary>
    public const string LeadIdColumn = "LeadId";

    /// <summary>Most actions in one entity-group transaction (the service's limit).</summary>
    private const int MaxTransactionActions = 100;

    /// <summary>Most messages one receive returns (the service's limit).</summary>
    private const int MaxMessagesPerReceive = 32;

    /// <summary>How long a scanned poison message stays invisible at most, should the scan die before making it visible again.</summary>
    public static readonly TimeSpan ScanHold = TimeSpan.FromMinutes(5);

    /// <summary>The tables searched, in order: every table the app writes, Leads last.</summary>
    public static IReadOnlyList<string> SearchedTables { get; } =
        [.. StorageNames.Tables.Where(t => t != StorageNames.LeadsTable), StorageNames.LeadsTable];

    /// <summary>The queues searched: every dead-letter queue of <see cref="StorageNames.Queues"/>.</summary>
    /// <remarks>
    /// Live queues are left alone: their consumers would lose messages under a scan. A submission still on
    /// <c>lead-captured</c> re-creates the lead when processed (the README says what to do); <c>sales-handoff</c> and
    /// <c>sla-breaches</c> carry messages to sales systems, which keep their own copy.
    /// </remarks>
    public static IReadOnlyList<string> SearchedQueues { get; } =
        [.. StorageNames.Queues.Where(q => q.EndsWith(StorageNames.PoisonQueueSuffix, StringComparison.Ordinal))];

    /// <summary>The filter of a lead's rows in any table: <c>PartitionKey eq '{id}' or LeadId eq '{id}'</c>, escaped.</summary>
    public static string FilterFor(string leadId) => TableClient.CreateQueryFilter($"PartitionKey eq {leadId} or LeadId eq {leadId}");

    /// <inheritdoc />
    public async Task<PersonalDataRecords> ReadAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var rows = new Dictionary<string, IReadOnlyList<StoredRecord>>(StringComparer.Ordinal);
        foreach (var table in StorageNames.Tables)
            rows[table] = [.. (await RowsAsync(table, subject.LeadId, null, cancellationToken)).Select(ToRecord)];
        var messages = new Dictionary<string, IReadOnlyList<StoredRecord>>(StringComparer.Ordinal);
        foreach (var queue in SearchedQueues)
            messages[queue] = [.. (await ScanAsync(queue, subject, delete: false, cancellationToken)).Select(ToRecord)];
        return new PersonalDataRecords(rows, messages);
    }

    /// <inheritdoc />
    public async Task<PersonalDataDeletions> EraseAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in SearchedTables)
        {
            var found = await RowsAsync(table, subject.LeadId, ["PartitionKey", "RowKey"], cancellationToken);
            rows[table] = found.Count == 0 ? 0 : await DeleteAsync(tables.GetTableClient(table), found, cancellationToken);
        }

        var messages = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var queue in SearchedQueues)
            messages[queue] = (await ScanAsync(queue, subject, delete: true, cancellationToken)).Count;
        // Answer in the order of StorageNames.Tables, as the export lists them.
        return new PersonalDataDeletions(StorageNames.Tables.ToDictionary(t => t, t => rows[t], StringComparer.Ordinal), messages);
    }

    /// <summary>True when <paramref name="body"/> names the subject's lead id or email, also inside JSON strings whose escapes hide it.</summary>
    public static bool Mentions(string body, DataSubject subject)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(subject);
        if (Names(body, subject))
            return true;
        var text = body.AsSpan().TrimStart();
        if (text.IsEmpty || text[0] is not ('{' or '['))
            return false;
        try
        {
            using var document = JsonDocument.Parse(body);
            return NamedIn(document.RootElement, subject);
        }
        catch (JsonException)
        {
            return false;
        }

        static bool NamedIn(JsonElement element, DataSubject subject) => element.ValueKind switch
        {
            JsonValueKind.String => Names(element.GetString()!, subject),
            JsonValueKind.Object => element.EnumerateObject().Any(p => Names(p.Name, subject) || NamedIn(p.Value, subject)),
            JsonValueKind.Array => element.EnumerateArray().Any(e => NamedIn(e, subject)),
            _ => false,
        };
    }

    private static bool Names(string text, DataSubject subject) =>
        text.Contains(subject.LeadId, StringComparison.Ordinal) || text.Contains(subject.Email, StringComparison.OrdinalIgnoreCase);

    private async Task<List<TableEntity>> RowsAsync(string table, string leadId, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        try
        {
            await foreach (var row in tables.GetTableClient(table).QueryAsync<TableEntity>(FilterFor(leadId), select: select, cancellationToken: cancellationToken))
                rows.Add(row);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // TableNotFound: the app has not created this table yet, so it holds nobody.
        }

        return rows;
    }

    private static async Task<int> DeleteAsync(TableClient table, List<TableEntity> rows, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var partition in rows.GroupBy(row => row.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Chunk(MaxTransactionActions))
            {
                try
                {
                    await table.SubmitTransactionAsync(
                        chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)), cancellationToken);
                    deleted += chunk.Length;
                }
                catch (TableTransactionFailedException e) when (e.Status == 404)
                {
                    // A row went since the query (a concurrent erasure, the SLA clock's clean-up): one by one, a gone row counts as none.
                    foreach (var row in chunk)
                        deleted += await DeleteOneAsync(table, row, cancellationToken);
                }
            }
        }

        return deleted;
    }

    private static async Task<int> DeleteOneAsync(TableClient table, TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            return response.Status == 404 ? 0 : 1;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }
    }

    /// <summary>The messages of <paramref name="queueName"/> naming the subject, deleted when <paramref name="delete"/>; every other message is made visible again.</summary>
    private async Task<List<QueueMessage>> ScanAsync(string queueName, DataSubject subject, bool delete, CancellationToken cancellationToken)
    {
        var queue = queues.GetQueueClient(queueName);
        var matching = new Dictionary<string, QueueMessage>(StringComparer.Ordinal);
        // Messages received and not deleted, by id with their latest pop receipt: invisible until the scan ends.
        var held = new Dictionary<string, QueueMessage>(StringComparer.Ordinal);
        try
        {
            while (true)
            {
                QueueMessage[] batch;
                try
                {
                    batch = (await queue.ReceiveMessagesAsync(MaxMessagesPerReceive, ScanHold, cancellationToken)).Value;
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    break; // QueueNotFound: nothing ever failed on that queue.
                }

                var again = false;
                foreach (var message in batch)
                {
                    // A message seen before is back: the scan outlasted its hold, so every message has been seen.
                    again |= held.ContainsKey(message.MessageId);
                    if (Mentions(message.Body.ToString(), subject))
                    {
                        matching[message.MessageId] = message;
                        if (delete)
                        {
                            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                            continue;
                        }
                    }

                    held[message.MessageId] = message;
                }

                if (batch.Length == 0 || again)
                    break;
            }
        }
        finally
        {
            await ReleaseAsync(queue, held.Values);
        }

        return [.. matching.Values.OrderBy(m => m.InsertedOn)];
    }

    private static async Task ReleaseAsync(QueueClient queue, IEnumerable<QueueMessage> held)
    {
        foreach (var message in held)
        {
            try
            {
                // Same body, visible now: the scan never changes a message it does not delete.
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, message.Body, TimeSpan.Zero, CancellationToken.None);
            }
            catch (RequestFailedException)
            {
                // It becomes visible when its hold ends anyway.
            }
        }
    }

    private static StoredRecord ToRecord(TableEntity row)
    {
        var record = new StoredRecord();
        foreach (var (name, value) in row)
        {
            if (!name.StartsWith("odata.", StringComparison.Ordinal))
                record[name] = value;
        }

        return record;
    }

    private static StoredRecord ToRecord(QueueMessage message) => new()
    {
        ["messageId"] = message.MessageId,
        ["insertedAt"] = message.InsertedOn,
        ["dequeueCount"] = message.DequeueCount,
        ["body"] = message.Body.ToString(),
    };
}
