using System.Text;
using Azure;

namespace LeadIntake.Storage.Tables;

/// <summary>Checks and writes the multipart body of a <c>$batch</c> request (one changeset).</summary>
/// <remarks>
/// https://learn.microsoft.com/rest/api/storageservices/performing-entity-group-transactions. CRLF line endings,
/// absolute URLs in the inner request lines, <c>Prefer: return-no-content</c> on inserts. The limits are checked here
/// because Azurite does not enforce them (it accepts several partitions in one batch).
/// </remarks>
internal static class TableTransactionRequest
{
    public static void Validate(IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count == 0)
            throw new ArgumentException("A transaction needs at least one action.", "transactionActions");
        if (actions.Count > TableClient.MaxTransactionActions)
            throw new ArgumentException(
                $"A transaction holds at most {TableClient.MaxTransactionActions} actions, not {actions.Count}.", "transactionActions");
        if (actions.Any(action => action?.Entity?.PartitionKey is null || action.Entity.RowKey is null))
            throw new ArgumentException("Every action needs an entity with a PartitionKey and a RowKey.", "transactionActions");
        var partitions = actions.Select(action => action.Entity.PartitionKey).Distinct(StringComparer.Ordinal).ToList();
        if (partitions.Count > 1)
            throw new ArgumentException(
                $"A transaction acts on one partition; these act on {partitions.Count}: {string.Join(", ", partitions.Take(3))}.", "transactionActions");
        var duplicate = actions.GroupBy(action => action.Entity.RowKey, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Row '{duplicate.Key}' appears more than once in the transaction.", "transactionActions");
    }

    public static (string ContentType, byte[] Body) Build(Uri tableUri, IReadOnlyList<TableTransactionAction> actions)
    {
        var batch = "batch_" + Guid.NewGuid().ToString("D");
        var changeset = "changeset_" + Guid.NewGuid().ToString("D");
        var text = new StringBuilder()
            .Append("--").Append(batch).Append("\r\n")
            .Append("Content-Type: multipart/mixed; boundary=").Append(changeset).Append("\r\n\r\n");

        for (var index = 0; index < actions.Count; index++)
        {
            var action = actions[index];
            var (method, path, ifMatch) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", string.Empty, (string?)null),
                TableTransactionActionType.UpdateMerge => ("MERGE", EntityPath(action), IfMatch(action.ETag)),
                TableTransactionActionType.UpdateReplace => ("PUT", EntityPath(action), IfMatch(action.ETag)),
                TableTransactionActionType.Delete => ("DELETE", EntityPath(action), IfMatch(action.ETag)),
                TableTransactionActionType.UpsertMerge => ("MERGE", EntityPath(action), null),
                TableTransactionActionType.UpsertReplace => ("PUT", EntityPath(action), null),
                _ => throw new ArgumentOutOfRangeException("transactionActions", action.ActionType, "Unknown action type."),
            };

            text.Append("--").Append(changeset).Append("\r\n")
                .Append("Content-Type: application/http\r\n")
                .Append("Content-Transfer-Encoding: binary\r\n")
                .Append("Content-ID: ").Append(index).Append("\r\n\r\n")
                .Append(method).Append(' ').Append(tableUri.AbsoluteUri.TrimEnd('/')).Append(path).Append(" HTTP/1.1\r\n")
                .Append("Accept: application/json;odata=minimalmetadata\r\n")
                .Append("DataServiceVersion: 3.0\r\n");
            if (ifMatch is not null)
                text.Append("If-Match: ").Append(ifMatch).Append("\r\n");
            if (action.ActionType == TableTransactionActionType.Delete)
            {
                text.Append("\r\n");
                continue;
            }

            if (action.ActionType == TableTransactionActionType.Add)
                text.Append("Prefer: return-no-content\r\n");
            text.Append("Content-Type: application/json\r\n\r\n")
                .Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(action.Entity))).Append("\r\n");
        }

        text.Append("--").Append(changeset).Append("--\r\n")
            .Append("--").Append(batch).Append("--\r\n");
        return ("multipart/mixed; boundary=" + batch, Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static string EntityPath(TableTransactionAction action) =>
        TableClient.EntityPath(action.Entity.PartitionKey, action.Entity.RowKey);

    private static string IfMatch(ETag etag) => etag == default ? ETag.All.ToString() : etag.ToString();
}
