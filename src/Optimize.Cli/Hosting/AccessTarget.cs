namespace Optimize.Cli.Hosting;

/// <summary>What a command reaches in Azure, the role it needs and on which scope, for sign-in and permission errors.</summary>
internal sealed record AccessTarget
{
    /// <summary>For messages: "the journal at https://…", "subscription …".</summary>
    public required string What { get; init; }

    /// <summary>The Azure RBAC role that grants what the command does; null when access is by key (a connection string).</summary>
    public string? Role { get; init; }

    /// <summary>The scope of that role, for people: "storage account 'x'", "/subscriptions/…".</summary>
    public string? Scope { get; init; }

    /// <summary>The scope as <c>az role assignment create --scope</c> takes it.</summary>
    public string? ScopeArgument { get; init; }

    /// <summary>The journal at a table endpoint, reached with a token.</summary>
    public static AccessTarget JournalEndpoint(Uri endpoint)
    {
        var account = endpoint.Host.Split('.')[0];
        return new AccessTarget
        {
            What = $"the journal at {endpoint.GetLeftPart(UriPartial.Authority)}",
            Role = "Storage Table Data Contributor",
            Scope = $"storage account '{account}'",
            ScopeArgument = $"$(az storage account show --name {account} --query id -o tsv)",
        };
    }

    /// <summary>The journal behind a connection string (account key or SAS).</summary>
    public static AccessTarget JournalKey() => new() { What = "the journal named by the connection string" };

    /// <summary>A subscription read by <c>optimize plan</c>.</summary>
    public static AccessTarget Subscription(string subscriptionId) => new()
    {
        What = $"subscription {subscriptionId}",
        Role = "Reader",
        Scope = $"/subscriptions/{subscriptionId}",
        ScopeArgument = $"/subscriptions/{subscriptionId}",
    };
}
