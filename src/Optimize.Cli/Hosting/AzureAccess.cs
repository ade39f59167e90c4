using Azure;
using Azure.Identity;
using Optimize.Azure.Http;
using Optimize.Changes;

namespace Optimize.Cli.Hosting;

/// <summary>
/// Turns a sign-in or permission failure, however deeply wrapped (journal, ARM adapters, aggregates), into one line
/// that says what to do: sign in, or which role on which scope.
/// </summary>
internal static class AzureAccess
{
    /// <summary>The one-line message, or null when <paramref name="exception"/> is not a sign-in or permission failure.</summary>
    public static string? Describe(Exception exception, AccessTarget? target)
    {
        foreach (var e in Chain(exception))
        {
            switch (e)
            {
                case CredentialUnavailableException or AuthenticationFailedException:
                    return NotSignedIn(target);
                case AzureCallException { Failure.Kind: ChangeFailureKinds.Forbidden } call:
                    return Denied(target, call.Status, call.Message);
                case RequestFailedException { Status: 401 or 403 } failed:
                    return Denied(target, failed.Status, null);
            }
        }

        return null;
    }

    private static string NotSignedIn(AccessTarget? target)
    {
        var what = target is null ? "" : $" (needed for {target.What})";
        var role = target?.Role is { } r ? $" The identity then needs the '{r}' role on {target.Scope}." : "";
        return $"not signed in to Azure{what}: run 'az login' (or 'azd auth login'), or set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET.{role}";
    }

    private static string Denied(AccessTarget? target, int status, string? detail)
    {
        var what = target?.What ?? "Azure";
        var code = status > 0 ? $" (HTTP {status})" : "";
        if (target is { Role: null })
        {
            return $"access to {what} was refused{code}: its account key or SAS is wrong or expired; use a current connection string (az storage account show-connection-string).";
        }

        var grant = target?.Role is { } role
            ? $"the signed-in identity needs the '{role}' role on {target.Scope}: az role assignment create --assignee <your user or app id> --role '{role}' --scope {target.ScopeArgument}"
            : "the signed-in identity lacks a role it needs";
        var why = detail is { Length: > 0 } ? $" {FirstLine(detail)}" : "";
        return $"access to {what} was refused{code}: {grant}.{why}";
    }

    private static IEnumerable<Exception> Chain(Exception root)
    {
        var pending = new Stack<Exception>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.Reverse())
                {
                    pending.Push(inner);
                }
            }
            else if (e.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }

    private static string FirstLine(string text)
    {
        var cut = text.IndexOf('\n', StringComparison.Ordinal);
        return (cut > 0 ? text[..cut] : text).Trim();
    }
}
