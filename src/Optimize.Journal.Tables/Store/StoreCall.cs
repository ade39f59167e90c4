using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace Optimize.Journal.Tables.Store;

/// <summary>
/// Runs one storage call and translates its failures: unreachable, throttled or failing store (after the client's
/// own retries) → <see cref="JournalUnavailableException"/>; 409/412 → <see cref="JournalConflictException"/>;
/// a missing table → <see cref="JournalUnavailableException"/> naming <c>CreateTablesIfNotExistsAsync</c>.
/// </summary>
internal static class StoreCall
{
    /// <summary>Runs <paramref name="call"/>, translating failures; <paramref name="what"/> names the operation.</summary>
    public static async Task<T> RunAsync<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, what, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Runs <paramref name="call"/>, translating failures.</summary>
    public static Task RunAsync(string what, Func<Task> call, CancellationToken cancellationToken) =>
        RunAsync<bool>(what, async () => { await call().ConfigureAwait(false); return true; }, cancellationToken);

    /// <summary>Enumerates a query page by page, translating failures of each page request.</summary>
    public static async IAsyncEnumerable<TableEntity> QueryAsync(
        TableClient table,
        string filter,
        string what,
        int? pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pages = table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages();
        var enumerator = pages.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            while (await RunAsync(what, async () => await enumerator.MoveNextAsync().ConfigureAwait(false), cancellationToken).ConfigureAwait(false))
            {
                foreach (var entity in enumerator.Current.Values)
                {
                    yield return entity;
                }
            }
        }
    }

    /// <summary>True for HTTP 404.</summary>
    public static bool IsNotFound(Exception ex) => ex is RequestFailedException { Status: 404 } r && r.ErrorCode != "TableNotFound";

    /// <summary>True for HTTP 409 or 412.</summary>
    public static bool IsConflict(Exception ex) => ex is RequestFailedException { Status: 409 or 412 };

    /// <summary>The exception to throw instead of <paramref name="ex"/>, or null to let it through.</summary>
    public static Exception? Translate(Exception ex, string what, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested && ex is OperationCanceledException)
        {
            return null;
        }

        return ex switch
        {
            JournalConflictException or JournalUnavailableException => null,
            RequestFailedException { Status: 404, ErrorCode: "TableNotFound" } =>
                new JournalUnavailableException($"Journal table missing while trying to {what}: call CreateTablesIfNotExistsAsync() first.", ex),
            RequestFailedException { Status: 409 or 412 } =>
                new JournalConflictException($"Conflict while trying to {what}: someone else wrote it first; re-read and decide again. ({Short(ex)})", ex),
            RequestFailedException { Status: 401 or 403 } =>
                new JournalUnavailableException($"Access to the journal denied while trying to {what}: check the key, or that the identity has the 'Storage Table Data Contributor' role. ({Short(ex)})", ex),
            RequestFailedException { Status: 0 or 408 or 429 or >= 500 } or AggregateException or HttpRequestException or SocketException or IOException or OperationCanceledException =>
                new JournalUnavailableException($"The journal's table store is unavailable (tried to {what}, retries exhausted): {Short(ex)}", ex),
            _ => null,
        };
    }

    private static string Short(Exception ex)
    {
        var inner = ex is AggregateException { InnerExceptions.Count: > 0 } agg ? agg.InnerExceptions[^1] : ex;
        var message = inner.Message;
        var cut = message.IndexOf('\n', StringComparison.Ordinal);
        return cut > 0 ? message[..cut].Trim() : message;
    }
}
