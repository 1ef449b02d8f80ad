using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImageGate.Sigstore;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// <c>dev.sigstore.cosign/certificate</c>: "PEM leaf cert (keyless). Absent or empty for key-based signing" (§1a).
/// The <c>chain</c> annotation is never read: "It is ignored when a trusted root is used" (§4.7).
/// </summary>
internal static class CertificateAnnotation
{
    /// <summary>The leaf, or null when the annotation is absent or empty. The caller disposes it.</summary>
    public static Failure? Read(IReadOnlyDictionary<string, string> annotations, out X509Certificate2? leaf)
    {
        leaf = null;
        if (!annotations.TryGetValue(LegacyAnnotationKeys.Certificate, out var pem) || string.IsNullOrWhiteSpace(pem))
        {
            return null;
        }
        // The first CERTIFICATE block is the leaf (cosign unmarshals the PEM and takes certs[0]).
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                try
                {
                    leaf = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(rest[fields.Base64Data].ToString()));
                    return null;
                }
                catch (Exception e) when (e is CryptographicException or FormatException)
                {
                    return new Failure(ReasonCodes.CertificateMalformed,
                        $"expected a DER certificate in annotation {LegacyAnnotationKeys.Certificate}; found one that does not parse: {e.Message}");
                }
            }
            rest = rest[fields.Location.End..];
        }
        return new Failure(ReasonCodes.LegacyAnnotationMalformed,
            $"expected a PEM CERTIFICATE block in annotation {LegacyAnnotationKeys.Certificate}; found \"{GoJson.Truncate(pem)}\"");
    }
}
