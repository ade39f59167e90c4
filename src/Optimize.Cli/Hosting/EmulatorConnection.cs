using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Optimize.Azure;
using Optimize.Emulator.Hosting;

namespace Optimize.Cli.Hosting;

/// <summary>
/// How the CLI's Azure adapters reach an emulator: every endpoint at the emulator's address, its certificate pinned, and a fixed
/// bearer token (the emulator checks that a token is sent, not whose it is). Nothing here applies to a real endpoint: the address
/// must be loopback HTTPS, and no credential is ever created or probed.
/// </summary>
internal static class EmulatorConnection
{
    /// <summary>The token sent to an emulator.</summary>
    public static TokenCredential Token { get; } = DelegatedTokenCredential.Create((_, _) => new AccessToken("emulator", DateTimeOffset.MaxValue));

    /// <summary>Checks an <c>--emulator</c> address and pin; null when valid (with <paramref name="url"/> set), else the message.</summary>
    public static string? Check(string? address, string? pin, out Uri? url)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out url) || url.Scheme != Uri.UriSchemeHttps || !IsLoopback(url))
        {
            url = null;
            return $"--emulator: '{address}' is not a loopback HTTPS address (the first line of `optimize emulator` gives it, for example https://127.0.0.1:8443).";
        }

        var hex = pin?.Replace(":", string.Empty, StringComparison.Ordinal) ?? string.Empty;
        return hex.Length == 64 && hex.All(Uri.IsHexDigit)
            ? null
            : "--emulator-pin: needs the emulator's certificateSha256 (64 hex digits, from the first line of `optimize emulator`).";
    }

    /// <summary>Adapter options that send every call to <paramref name="url"/>, accepting only the certificate pinned by <paramref name="pin"/>.</summary>
    public static AzureAdapterOptions Options(Uri url, string pin)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => LoopbackCertificate.Matches(certificate, pin);
        var root = new Uri(url.GetLeftPart(UriPartial.Authority));
        return new AzureAdapterOptions
        {
            ArmEndpoint = root,
            MetricsEndpoint = root,
            PricesEndpoint = new Uri(root, "/api/retail/prices"),
            Transport = new HttpClientTransport(new HttpClient(handler)),
        };
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip));
}
