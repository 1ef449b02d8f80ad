using System.Security.Cryptography.X509Certificates;

namespace ImageGate.Oci.Tls;

/// <summary>
/// Whether a TLS server certificate chains to given anchors alone: offline (no revocation or AIA fetches), with the
/// intermediates the server sent. Used for a registry's extra CA file and for the cluster CA of the Kubernetes API.
/// The name check is the caller's (SslPolicyErrors), never skipped here.
/// </summary>
public static class CustomRootChain
{
    public static bool Builds(X509Certificate certificate, X509Chain? sent, X509Certificate2Collection anchors)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(anchors);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.DisableCertificateDownloads = true;
        if (sent is not null)
        {
            foreach (var element in sent.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        return custom.Build(leaf);
    }
}
