using Azure.Core;
using Azure.Identity;

namespace Optimize.Cli.Tests.Hosting;

/// <summary>A credential that fails like DefaultAzureCredential on a machine with no sign-in, without touching any network.</summary>
internal sealed class NoSignInCredential : TokenCredential
{
    public int Calls { get; private set; }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Calls++;
        throw new CredentialUnavailableException(
            "DefaultAzureCredential failed to retrieve a token from the included credentials.\n- AzureCliCredential authentication failed: Azure CLI not installed");
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
