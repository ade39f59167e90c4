using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Optimize.Emulator.Hosting;

/// <summary>
/// The emulator's TLS certificate, made when it starts and never written to disk: self-signed, for <c>127.0.0.1</c>,
/// <c>::1</c> and <c>localhost</c>, valid for a day. Clients pin it by <see cref="Sha256"/> (Azure.Core's bearer-token policy
/// refuses plain HTTP, and trusting any certificate would weaken real endpoints).
/// </summary>
public static class LoopbackCertificate
{
    /// <summary>A fresh certificate with its private key.</summary>
    public static X509Certificate2 Create(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Optimize Azure emulator", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = time.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        // Kestrel on Linux needs the key in an exportable form: round-trip through PKCS#12 in memory.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The pin of <paramref name="certificate"/>: lower-case hex SHA-256 of its DER encoding.</summary>
    public static string Sha256(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256));
    }
}
