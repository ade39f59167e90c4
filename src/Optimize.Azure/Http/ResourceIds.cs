namespace Optimize.Azure.Http;

/// <summary>Helpers for ARM ids and regions.</summary>
internal static class ResourceIds
{
    /// <summary>"East US" → "eastus".</summary>
    public static string Region(string location) => location.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>The ARM URL of <paramref name="id"/> with an api-version.</summary>
    public static Uri Url(Uri armEndpoint, string id, string apiVersion, string? suffix = null) =>
        new($"{armEndpoint.AbsoluteUri.TrimEnd('/')}{id}{suffix}?api-version={apiVersion}");
}
