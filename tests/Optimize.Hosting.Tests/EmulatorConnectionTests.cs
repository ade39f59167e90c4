using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Optimize.Hosting.Tests;

/// <summary>How clients reach <c>optimize emulator</c>: loopback HTTPS only, its certificate pinned.</summary>
public sealed class EmulatorConnectionTests
{
    [Theory]
    [InlineData("https://127.0.0.1:8443", true)]
    [InlineData("https://localhost:8443", true)]
    [InlineData("https://[::1]:8443", true)]
    [InlineData("http://127.0.0.1:8443", false)]
    [InlineData("https://management.azure.com", false)]
    [InlineData("https://10.0.0.4:8443", false)]
    [InlineData("not a url", false)]
    public void Check_OnlyLoopbackHttpsWithAPin(string address, bool accepted)
    {
        var pin = new string('a', 64);

        var error = EmulatorConnection.Check(address, pin, out var url);

        Assert.Equal(accepted, error is null);
        Assert.Equal(accepted, url is not null);
        Assert.NotNull(EmulatorConnection.Check("https://127.0.0.1:8443", "abc", out _));
        Assert.Null(EmulatorConnection.Check("https://127.0.0.1:8443", string.Join(':', Enumerable.Repeat("AB", 32)), out _));
    }

    [Fact]
    public void Matches_Sha256OfTheDer_CaseAndColonsIgnored_AnyOtherRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=test", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1));
        var pin = Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));

        Assert.True(EmulatorConnection.Matches(certificate, pin));
        Assert.True(EmulatorConnection.Matches(certificate, string.Join(':', pin.ToUpperInvariant().Chunk(2).Select(c => new string(c)))));
        Assert.False(EmulatorConnection.Matches(certificate, pin[..^1] + (pin[^1] == '0' ? '1' : '0')));
        Assert.False(EmulatorConnection.Matches(null, pin));
    }

    [Fact]
    public void Options_EveryEndpointAtTheEmulator()
    {
        var options = EmulatorConnection.Options(new Uri("https://127.0.0.1:8443/ignored/path"), new string('a', 64));

        Assert.Equal(new Uri("https://127.0.0.1:8443/"), options.ArmEndpoint);
        Assert.Equal(new Uri("https://127.0.0.1:8443/"), options.MetricsEndpoint);
        Assert.Equal(new Uri("https://127.0.0.1:8443/api/retail/prices"), options.PricesEndpoint);
        Assert.NotNull(options.Transport);
    }
}
