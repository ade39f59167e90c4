using System.Security.Cryptography;
using System.Text;

namespace Optimize.Workflow.Hosting;

/// <summary>
/// Deterministic workflow instance ids. One change workflow per resource at a time is enforced by giving every
/// change of a resource the same instance id: a host refuses to start an instance whose id is running.
/// </summary>
public static class InstanceIds
{
    /// <summary><c>change-</c> + 32 hex chars of SHA-256 of the lower-cased resource id.</summary>
    public static string ForChange(string resourceId) => "change-" + Hash(resourceId);

    /// <summary><c>alert-</c> + 32 hex chars of SHA-256 of the lower-cased resource id (one remediation per resource).</summary>
    public static string ForAlert(string resourceId) => "alert-" + Hash(resourceId);

    private static string Hash(string resourceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceId);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(resourceId.ToLowerInvariant()));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 16));
    }
}
