using Azure;

namespace LeadIntake.Storage;

/// <summary>An <see cref="AsyncPageable{T}"/> that fetches one page per call until the service returns no continuation token.</summary>
internal sealed class StorageAsyncPageable<T>(
    Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPageAsync,
    int? defaultPageSize,
    CancellationToken cancellationToken)
    : AsyncPageable<T>(cancellationToken)
    where T : notnull
{
    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        do
        {
            var page = await fetchPageAsync(continuationToken, pageSizeHint ?? defaultPageSize, CancellationToken).ConfigureAwait(false);
            yield return page;
            continuationToken = page.ContinuationToken;
        }
        while (continuationToken is not null);
    }
}
