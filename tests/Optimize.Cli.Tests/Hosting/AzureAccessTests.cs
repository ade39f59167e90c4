using Azure;
using Azure.Identity;
using Optimize.Azure.Http;
using Optimize.Changes;
using Optimize.Cli.Hosting;
using Optimize.Journal;

namespace Optimize.Cli.Tests.Hosting;

public sealed class AzureAccessTests
{
    private static readonly AccessTarget Journal = AccessTarget.JournalEndpoint(new Uri("https://acct1.table.core.windows.net/"));

    [Fact]
    public void Describe_ForbiddenWrappedByTheJournal_NamesRoleAndScopeArgument()
    {
        var ex = new JournalUnavailableException("Access to the journal denied", new RequestFailedException(403, "This request is not authorized"));

        var line = AzureAccess.Describe(ex, Journal);

        Assert.Equal(
            "access to the journal at https://acct1.table.core.windows.net was refused (HTTP 403): the signed-in identity needs the " +
            "'Storage Table Data Contributor' role on storage account 'acct1': az role assignment create --assignee <your user or app id> " +
            "--role 'Storage Table Data Contributor' --scope $(az storage account show --name acct1 --query id -o tsv).",
            line);
    }

    [Fact]
    public void Describe_CredentialUnavailableInsideAnAggregateInsideAnAzureCall_IsANotSignedInLine()
    {
        var inner = new AggregateException(new IOException("x"), new CredentialUnavailableException("no az"));
        var ex = new AzureCallException(new ChangeFailure(ChangeFailureKinds.Unexpected, "GET resources failed"), 0, inner);

        var line = AzureAccess.Describe(ex, AccessTarget.Subscription("s1"));

        Assert.NotNull(line);
        Assert.StartsWith("not signed in to Azure (needed for subscription s1): run 'az login'", line, StringComparison.Ordinal);
        Assert.EndsWith("needs the 'Reader' role on /subscriptions/s1.", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_ArmForbidden_KeepsThePermissionTheMapperNamed()
    {
        var failure = ArmErrorMapper.FromStatus(403, null, "GET Microsoft.Compute/virtualMachines", "Microsoft.Compute/virtualMachines/read");
        var ex = new AzureCallException(failure, 403);

        var line = AzureAccess.Describe(ex, AccessTarget.Subscription("s1"));

        Assert.NotNull(line);
        Assert.Contains("'Reader' role on /subscriptions/s1", line, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Compute/virtualMachines/read", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    public void Describe_OtherStatuses_AreNotAccessFailures(int status)
    {
        Assert.Null(AzureAccess.Describe(new RequestFailedException(status, "nope"), Journal));
    }

    [Fact]
    public void Describe_UnrelatedException_IsNull()
    {
        Assert.Null(AzureAccess.Describe(new InvalidOperationException("bug", new FormatException()), Journal));
    }
}
