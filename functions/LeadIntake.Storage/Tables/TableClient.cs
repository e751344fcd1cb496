using System.Text.Json;
using Azure;
using Azure.Core;

namespace LeadIntake.Storage.Tables;

/// <summary>Operations on one table and its entities, shaped like Azure.Data.Tables' <c>TableClient</c>. Async only.</summary>
/// <remarks>
/// Construction does no I/O. Every non-2xx answer throws <see cref="RequestFailedException"/> with <c>ErrorCode</c> set
/// (<c>EntityAlreadyExists</c>, <c>UpdateConditionNotSatisfied</c>, …); unreachable storage throws it with status 0.
/// Typed entities map their public read/write properties: string, bool, int, long, double, DateTimeOffset, DateTime
/// (stored as UTC), Guid, byte[], BinaryData, their nullable forms (null is not stored) and enums (stored by name).
/// Thread-safe.
/// </remarks>
public sealed class TableClient
{
    /// <summary>Key in <see cref="Exception.Data"/> of a failed transaction's exception: the 0-based index of the failing action.</summary>
    public const string FailedTransactionActionIndexKey = "FailedTransactionActionIndex";

    /// <summary>Most operations one entity-group transaction may hold (service limit).</summary>
    public const int MaxTransactionActions = 100;

    /// <summary>Largest page the service returns.</summary>
    public const int MaxPageSize = 1000;

    private readonly StoragePipeline _pipeline;
    private readonly Uri _endpoint;

    /// <summary>A client for <paramref name="tableName"/> authenticated by the connection string's account key.</summary>
    public TableClient(string connectionString, string tableName)
        : this(connectionString, tableName, null)
    {
    }

    /// <summary>A client for <paramref name="tableName"/> authenticated by the connection string's account key.</summary>
    /// <exception cref="FormatException"><paramref name="connectionString"/> cannot be parsed.</exception>
    public TableClient(string connectionString, string tableName, TableClientOptions? options)
        : this(TableServiceClient.SharedKeyPipeline(connectionString, options, out var endpoint), endpoint, tableName)
    {
    }

    /// <summary>A client for <paramref name="tableName"/> under <paramref name="endpoint"/>, authenticated with Entra ID.</summary>
    public TableClient(Uri endpoint, string tableName, TokenCredential credential, TableClientOptions? options = null)
        : this(StoragePipeline.ForToken(options ?? new TableClientOptions(), credential, TableClientOptions.ServiceVersion), endpoint, tableName)
    {
    }

    internal TableClient(StoragePipeline pipeline, Uri endpoint, string tableName)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        _pipeline = pipeline;
        _endpoint = endpoint;
        Name = tableName;
    }

    /// <summary>The table name.</summary>
    public string Name { get; }

    /// <summary>Writes <paramref name="filter"/> as OData, every interpolated value an escaped, typed literal.</summary>
    /// <example><c>TableClient.CreateQueryFilter($"PartitionKey eq {leadId} and Score ge {50}")</c></example>
    public static string CreateQueryFilter(FormattableString filter) => TableOdataFilter.Create(filter);

    /// <summary>Creates the table; returns null if it already exists.</summary>
    public async Task<Response<TableItem>?> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        var uri = ServiceUri("/Tables");
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name });
        using var message = CreateMessage(RequestMethod.Post, uri, body);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        var response = await _pipeline.SendAsync(message, cancellationToken, 409).ConfigureAwait(false);
        if (response.Status != 409)
            return Response.FromValue(new TableItem(Name), response);
        return StorageErrorParser.Instance.TryParse(response, out var error, out _) && error?.Code == "TableAlreadyExists"
            ? null
            : throw new RequestFailedException(response, null, StorageErrorParser.Instance);
    }

    /// <summary>Deletes the table and every entity in it.</summary>
    public async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, ServiceUri($"/Tables('{EscapeKey(Name)}')"));
        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts <paramref name="entity"/>; the response's <c>ETag</c> header is its version.</summary>
    /// <exception cref="RequestFailedException">409 <c>EntityAlreadyExists</c> if the keys are taken.</exception>
    public async Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        CheckEntity(entity);
        using var message = CreateMessage(RequestMethod.Post, TableUri(string.Empty), TableEntityJson.Serialize(entity));
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts <paramref name="entity"/>, or merges it into / replaces the stored one.</summary>
    public async Task<Response> UpsertEntityAsync<T>(
        T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        CheckEntity(entity);
        using var message = CreateMessage(MethodFor(mode), TableUri(EntityPath(entity.PartitionKey, entity.RowKey)), TableEntityJson.Serialize(entity));
        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Merges <paramref name="entity"/> into, or replaces, the stored one if its version is still <paramref name="ifMatch"/>.</summary>
    /// <param name="entity">The new values.</param>
    /// <param name="ifMatch">The version read earlier, or <see cref="ETag.All"/> for any version.</param>
    /// <param name="mode">Merge keeps columns not sent; Replace drops them.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RequestFailedException">412 <c>UpdateConditionNotSatisfied</c> when someone wrote in between; 404 when absent.</exception>
    public async Task<Response> UpdateEntityAsync<T>(
        T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        CheckEntity(entity);
        if (ifMatch == default)
            throw new ArgumentException("An update needs the ETag read earlier, or ETag.All for any version.", nameof(ifMatch));
        using var message = CreateMessage(MethodFor(mode), TableUri(EntityPath(entity.PartitionKey, entity.RowKey)), TableEntityJson.Serialize(entity));
        message.Request.Headers.SetValue("If-Match", ifMatch.ToString());
        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads one entity by its keys.</summary>
    /// <exception cref="RequestFailedException">404 <c>ResourceNotFound</c> when there is no such entity.</exception>
    public async Task<Response<T>> GetEntityAsync<T>(
        string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        var found = await GetEntityCoreAsync<T>(partitionKey, rowKey, select, false, cancellationToken).ConfigureAwait(false);
        return (Response<T>)found;
    }

    /// <summary>Reads one entity by its keys; <see cref="NullableResponse{T}.HasValue"/> is false when there is none.</summary>
    public Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(
        string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new() =>
        GetEntityCoreAsync<T>(partitionKey, rowKey, select, true, cancellationToken);

    /// <summary>Deletes one entity, if its version is still <paramref name="ifMatch"/> (default: any version).</summary>
    /// <remarks>Deleting an entity that does not exist succeeds (404 is accepted), so a retried delete is harmless.</remarks>
    /// <exception cref="RequestFailedException">412 when <paramref name="ifMatch"/> no longer matches.</exception>
    public async Task<Response> DeleteEntityAsync(
        string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        using var message = CreateMessage(RequestMethod.Delete, TableUri(EntityPath(partitionKey, rowKey)));
        message.Request.Headers.SetValue("If-Match", ifMatch == default ? ETag.All.ToString() : ifMatch.ToString());
        return await _pipeline.SendAsync(message, cancellationToken, 404).ConfigureAwait(false);
    }

    /// <summary>Queries entities page by page, following continuation tokens until the last page.</summary>
    /// <param name="filter">OData filter, best built with <see cref="CreateQueryFilter"/>; null for all entities.</param>
    /// <param name="maxPerPage">Page size, 1–<see cref="MaxPageSize"/>; null for the service default (1,000).</param>
    /// <param name="select">Columns to return; null for all.</param>
    /// <param name="cancellationToken">Cancels the paging.</param>
    /// <remarks>Results are ordered by PartitionKey, then RowKey. A page may be empty and still not be the last.</remarks>
    public AsyncPageable<T> QueryAsync<T>(
        string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        if (maxPerPage is < 1 or > MaxPageSize)
            throw new ArgumentOutOfRangeException(nameof(maxPerPage), maxPerPage, $"A page holds 1 to {MaxPageSize} entities.");
        var columns = select is null ? null : string.Join(',', select);
        return new StorageAsyncPageable<T>(
            (token, pageSize, ct) => QueryPageAsync<T>(filter, columns, token, pageSize, ct), maxPerPage, cancellationToken);
    }

    /// <summary>Applies up to 100 actions on one partition atomically (an entity-group transaction).</summary>
    /// <returns>One response per action, in order (each with the new <c>ETag</c> header where the action wrote).</returns>
    /// <exception cref="ArgumentException">No actions, more than <see cref="MaxTransactionActions"/>, several partitions, or one row twice.</exception>
    /// <exception cref="RequestFailedException">
    /// Nothing was applied. Status and <c>ErrorCode</c> are the failing action's; <see cref="Exception.Data"/>
    /// holds its 0-based index under <see cref="FailedTransactionActionIndexKey"/>.
    /// </exception>
    public async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(
        IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactionActions);
        var actions = transactionActions.ToList();
        TableTransactionRequest.Validate(actions);

        var batchUri = ServiceUri("/$batch");
        var (contentType, body) = TableTransactionRequest.Build(TableUri(string.Empty).ToUri(), actions);
        using var message = _pipeline.CreateMessage(RequestMethod.Post, batchUri);
        SetODataHeaders(message.Request);
        message.Request.Headers.SetValue("Content-Type", contentType);
        message.Request.Content = RequestContent.Create(body);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);

        var parts = TableTransactionResponse.Read(response);
        var failed = parts.FirstOrDefault(part => part.Status >= 400);
        if (failed is not null)
        {
            var exception = new RequestFailedException(failed, null, StorageErrorParser.Instance);
            if (TableTransactionResponse.FailedIndex(failed) is { } index)
                exception.Data[FailedTransactionActionIndexKey] = index;
            throw exception;
        }

        if (parts.Count != actions.Count)
            throw new RequestFailedException(response.Status, $"The transaction answered {parts.Count} parts for {actions.Count} actions.");
        return Response.FromValue<IReadOnlyList<Response>>(parts, response);
    }

    private async Task<NullableResponse<T>> GetEntityCoreAsync<T>(
        string partitionKey, string rowKey, IEnumerable<string>? select, bool allowMissing, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        var uri = TableUri(EntityPath(partitionKey, rowKey));
        if (select is not null)
            uri.AppendQuery("$select", string.Join(',', select));
        using var message = CreateMessage(RequestMethod.Get, uri);
        var response = await _pipeline.SendAsync(message, cancellationToken, allowMissing ? [404] : []).ConfigureAwait(false);
        if (response.Status == 404)
        {
            // A missing table is a real failure; only a missing entity means "no value".
            return StorageErrorParser.Instance.TryParse(response, out var error, out _) && error?.Code == "ResourceNotFound"
                ? new NoValueResponse<T>(response)
                : throw new RequestFailedException(response, null, StorageErrorParser.Instance);
        }

        using var json = JsonDocument.Parse(response.Content.ToMemory());
        var headerETag = response.Headers.ETag ?? default;
        return Response.FromValue(TableEntityJson.Deserialize<T>(json.RootElement, headerETag), response);
    }

    private async Task<Page<T>> QueryPageAsync<T>(
        string? filter, string? select, string? continuationToken, int? pageSize, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        var uri = TableUri("()");
        if (filter is not null)
            uri.AppendQuery("$filter", filter);
        if (pageSize is not null)
            uri.AppendQuery("$top", pageSize.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (select is not null)
            uri.AppendQuery("$select", select);
        if (continuationToken is not null)
        {
            // Token = NextPartitionKey, then a space and NextRowKey when the service sent one (service tokens have no spaces).
            var parts = continuationToken.Split(' ', 2);
            uri.AppendQuery("NextPartitionKey", parts[0]);
            if (parts.Length > 1)
                uri.AppendQuery("NextRowKey", parts[1]);
        }

        using var message = CreateMessage(RequestMethod.Get, uri);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        using var json = JsonDocument.Parse(response.Content.ToMemory());
        var values = json.RootElement.GetProperty("value").EnumerateArray()
            .Select(element => TableEntityJson.Deserialize<T>(element))
            .ToList();

        string? next = null;
        if (response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPartition))
        {
            next = response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRow) && !string.IsNullOrEmpty(nextRow)
                ? nextPartition + " " + nextRow
                : nextPartition;
        }

        return Page<T>.FromValues(values, next, response);
    }

    private HttpMessage CreateMessage(RequestMethod method, RequestUriBuilder uri, byte[]? body = null)
    {
        var message = _pipeline.CreateMessage(method, uri);
        SetODataHeaders(message.Request);
        if (body is not null)
        {
            message.Request.Headers.SetValue("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(body);
        }

        return message;
    }

    private static void SetODataHeaders(Request request)
    {
        request.Headers.SetValue("Accept", "application/json;odata=minimalmetadata");
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
    }

    private RequestUriBuilder ServiceUri(string path)
    {
        var uri = new RequestUriBuilder();
        uri.Reset(_endpoint);
        uri.AppendPath(path, escape: false);
        return uri;
    }

    private RequestUriBuilder TableUri(string suffix) => ServiceUri("/" + Uri.EscapeDataString(Name) + suffix);

    internal static string EntityPath(string partitionKey, string rowKey) =>
        $"(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";

    // Double every quote inside the OData literal, then percent-encode: p'2 -> p%27%272.
    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private static RequestMethod MethodFor(TableUpdateMode mode) =>
        mode == TableUpdateMode.Replace ? RequestMethod.Put : new RequestMethod("MERGE");

    private static void CheckEntity<T>(T entity)
        where T : ITableEntity
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.PartitionKey is null)
            throw new ArgumentException("The entity has no PartitionKey.", nameof(entity));
        if (entity.RowKey is null)
            throw new ArgumentException("The entity has no RowKey.", nameof(entity));
    }
}
