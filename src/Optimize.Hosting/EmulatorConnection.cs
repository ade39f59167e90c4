using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Optimize.Azure;

namespace Optimize.Hosting;

/// <summary>
/// How the Azure adapters (of the CLI's <c>plan --emulator</c>, or of a locally run Function App with
/// <see cref="OptimizeSettings.EmulatorSetting"/>) reach <c>optimize emulator</c>: every endpoint at the emulator's address, its certificate pinned, and a fixed
/// bearer token (the emulator checks that a token is sent, not whose it is). Nothing here applies to a real endpoint: the address
/// must be loopback HTTPS, and no credential is ever created or probed.
/// </summary>
public static class EmulatorConnection
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

    /// <summary>
    /// Adapter options for an in-process emulator: <paramref name="handler"/> (the emulator's TestHost handler, whatever the
    /// request's host) as the only transport, and short waits: the emulator answers at once and its long-running operations
    /// finish on its own clock. <paramref name="maxRetries"/> 0 hands every fault to the caller (the soak's workflows).
    /// </summary>
    public static AzureAdapterOptions InProcess(HttpMessageHandler handler, int maxRetries = 3) => new()
    {
        MaxRetries = maxRetries,
        RetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(10),
        OperationPollInterval = TimeSpan.FromMilliseconds(1),
        Transport = new HttpClientTransport(new HttpClient(handler)),
    };

    /// <summary>Adapter options that send every call to <paramref name="url"/>, accepting only the certificate pinned by <paramref name="pin"/>.</summary>
    public static AzureAdapterOptions Options(Uri url, string pin)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => Matches(certificate, pin);
        var root = new Uri(url.GetLeftPart(UriPartial.Authority));
        return new AzureAdapterOptions
        {
            ArmEndpoint = root,
            MetricsEndpoint = root,
            PricesEndpoint = new Uri(root, "/api/retail/prices"),
            Transport = new HttpClientTransport(new HttpClient(handler)),
        };
    }

    /// <summary>True when <paramref name="certificate"/> is the one pinned by <paramref name="sha256"/>: hex SHA-256 of its DER
    /// encoding, any case, colons allowed (what the emulator prints as <c>certificateSha256</c>).</summary>
    public static bool Matches(X509Certificate? certificate, string sha256)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        var pin = sha256.Replace(":", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        return certificate is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256))),
            System.Text.Encoding.ASCII.GetBytes(pin));
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip));
}
