using System.Net;
using System.Security.Authentication;
using Optimize.Catalog;
using Optimize.Emulator.Hosting;

namespace Optimize.Emulator.Tests.Hosting;

/// <summary>The loopback emulator (<c>optimize emulator</c>): HTTPS with a certificate made at start, which clients pin.</summary>
public sealed class LoopbackHostTests
{
    [Fact]
    public async Task Loopback_PinnedClientIsServed_UnpinnedClientIsRefusedAtTheHandshake()
    {
        await using var host = await EmulatorHost.StartLoopbackAsync(new EmulatorOptions(), BuiltInCatalog.Default, 0, TestContext.Current.CancellationToken);
        var pin = host.CertificateSha256!;
        var sub = host.World.Fleet.Subscriptions[0];
        var url = new Uri(host.BaseAddress!, $"/subscriptions/{sub}/providers/Microsoft.Compute/skus?api-version=2021-07-01");

        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(host.BaseAddress!.Host)));
        using var pinned = Client(pin);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new("Bearer", "any");
        using var response = await pinned.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The system trust store does not know the certificate, and another pin does not match it.
        using var plain = new HttpClient();
        var untrusted = await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync(url, TestContext.Current.CancellationToken));
        Assert.IsType<AuthenticationException>(untrusted.InnerException);
        using var wrong = Client(new string('0', 64));
        await Assert.ThrowsAsync<HttpRequestException>(() => wrong.GetAsync(url, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Loopback_BadPort_RefusedBeforeListening()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            EmulatorHost.StartLoopbackAsync(new EmulatorOptions(), BuiltInCatalog.Default, 70_000, TestContext.Current.CancellationToken));
        Assert.Contains("0–65535", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Certificate_PinIsSha256OfTheDer_KeyIncludedValidForADay()
    {
        using var certificate = LoopbackCertificate.Create(TimeProvider.System);
        var pin = LoopbackCertificate.Sha256(certificate);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(certificate.RawData));

        Assert.Equal(expected, pin);
        Assert.True(certificate.HasPrivateKey);
        Assert.True(certificate.NotAfter - certificate.NotBefore <= TimeSpan.FromDays(1.01));
    }

    private static HttpClient Client(string pin) => new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && LoopbackCertificate.Sha256(certificate) == pin },
    });
}
