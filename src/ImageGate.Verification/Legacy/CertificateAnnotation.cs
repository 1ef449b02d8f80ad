using System.Security.Cryptography;
using ImageGate.Sigstore;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// <c>dev.sigstore.cosign/certificate</c>: "PEM leaf cert (keyless). Absent or empty for key-based signing" (§1a).
/// The <c>chain</c> annotation is never read: "It is ignored when a trusted root is used" (§4.7).
/// </summary>
internal static class CertificateAnnotation
{
    /// <summary>
    /// The leaf's DER, or null when the annotation is absent or empty (a key-signed layer). The DER is not parsed
    /// here: the verification walk parses it as it parses a bundle's certificate.
    /// </summary>
    public static Failure? Read(IReadOnlyDictionary<string, string> annotations, out byte[]? leaf)
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
                leaf = Convert.FromBase64String(rest[fields.Base64Data].ToString());
                return leaf.Length > 0
                    ? null
                    : new Failure(ReasonCodes.CertificateMalformed, $"expected a DER certificate in annotation {LegacyAnnotationKeys.Certificate}; found an empty PEM block");
            }
            rest = rest[fields.Location.End..];
        }
        return new Failure(LegacyReasons.AnnotationMalformed,
            $"expected a PEM CERTIFICATE block in annotation {LegacyAnnotationKeys.Certificate}; found \"{GoJson.Truncate(pem)}\"");
    }
}
