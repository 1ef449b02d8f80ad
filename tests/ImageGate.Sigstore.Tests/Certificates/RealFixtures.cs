using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Tests.Certificates;

/// <summary>
/// Real Sigstore material copied under tests/fixtures (Apache-2.0, see the NOTICE files there): the production
/// cosign bundle and trust root, and the sigstore-conformance bundle-verify cases.
/// </summary>
internal static class RealFixtures
{
    /// <summary>integratedTime of the production bundle's Rekor entry (= the leaf's NotBefore, 2025-02-28T19:18:11Z).</summary>
    public static readonly DateTimeOffset ProductionIntegratedTime = DateTimeOffset.FromUnixTimeSeconds(1740770291);

    private static string FixturePath(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "fixtures", .. parts]);

    public static TrustedRoot ProductionRoot() => LoadRoot(FixturePath("trusted-roots", "production.trusted_root.json"));

    public static X509Certificate2 ProductionLeaf() => LeafOf(FixturePath("cosign-bundle", "oci-attestation.sigstore.json"));

    public static string ConformanceCase(string name) => FixturePath("conformance", "bundle-verify", name);

    public static TrustedRoot ConformanceRoot(string name) => LoadRoot(Path.Combine(ConformanceCase(name), "trusted_root.json"));

    public static X509Certificate2 ConformanceLeaf(string name) => LeafOf(Path.Combine(ConformanceCase(name), "bundle.sigstore.json"));

    public static TrustedRoot LoadRoot(string path)
    {
        var failure = TrustedRootParser.TryParse(File.ReadAllBytes(path), out var root);
        Assert.Null(failure);
        return root!;
    }

    /// <summary>verificationMaterial.certificate, else x509CertificateChain.certificates[0].</summary>
    public static X509Certificate2 LeafOf(string bundlePath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(bundlePath));
        var material = doc.RootElement.GetProperty("verificationMaterial");
        var raw = material.TryGetProperty("certificate", out var certificate)
            ? certificate.GetProperty("rawBytes").GetString()
            : material.GetProperty("x509CertificateChain").GetProperty("certificates")[0].GetProperty("rawBytes").GetString();
        return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(raw!));
    }

    /// <summary>The first rfc3161Timestamps[].signedTimestamp and the bytes it timestamps (the raw signature).</summary>
    public static (byte[] Token, byte[] SignedBytes) TimestampOf(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(ConformanceCase(name), "bundle.sigstore.json")));
        var top = doc.RootElement;
        var token = top.GetProperty("verificationMaterial").GetProperty("timestampVerificationData")
            .GetProperty("rfc3161Timestamps")[0].GetProperty("signedTimestamp").GetString();
        var signature = top.TryGetProperty("messageSignature", out var message)
            ? message.GetProperty("signature").GetString()
            : top.GetProperty("dsseEnvelope").GetProperty("signatures")[0].GetProperty("sig").GetString();
        return (Convert.FromBase64String(token!), Convert.FromBase64String(signature!));
    }

    /// <summary>integratedTime of tlogEntries[0] (0 when absent).</summary>
    public static DateTimeOffset IntegratedTimeOf(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(ConformanceCase(name), "bundle.sigstore.json")));
        var entry = doc.RootElement.GetProperty("verificationMaterial").GetProperty("tlogEntries")[0];
        return entry.TryGetProperty("integratedTime", out var t) ? DateTimeOffset.FromUnixTimeSeconds(long.Parse(t.GetString()!, System.Globalization.CultureInfo.InvariantCulture)) : default;
    }
}
