namespace Optimize.Cli.Hosting;

/// <summary>Exit codes of the <c>optimize</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The run failed (Azure, journal, a bug): the message says which.</summary>
    public const int Failed = 1;

    /// <summary>Bad input: an invalid policy, an unparsable payload, a bad option value. Nothing was changed.</summary>
    public const int BadInput = 2;

    /// <summary>Not signed in to Azure, or the identity lacks a role: the one-line message names the fix (az login, the role, the scope).</summary>
    public const int AccessDenied = 3;
}
