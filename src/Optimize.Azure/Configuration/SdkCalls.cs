using Optimize.Azure.Http;

namespace Optimize.Azure.Configuration;

/// <summary>Runs an Azure SDK call and turns whatever it throws into a classified <see cref="AzureCallException"/>.</summary>
internal static class SdkCalls
{
    public static async Task<T> RunAsync<T>(string call, string action, Func<Task<T>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not AzureCallException && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            throw new AzureCallException(ArmErrorMapper.FromException(ex, call, action), (ex as global::Azure.RequestFailedException)?.Status ?? 0, ex);
        }
    }
}
