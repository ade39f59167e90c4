using System.Collections.Concurrent;
using Azure.Core;

namespace Optimize.Azure.Tests.Http;

/// <summary>Hands out a fixed token and records the scopes asked for.</summary>
internal sealed class FakeCredential : TokenCredential
{
    public ConcurrentBag<string> Scopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        foreach (var scope in requestContext.Scopes)
        {
            Scopes.Add(scope);
        }

        return new AccessToken("test-token", DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
