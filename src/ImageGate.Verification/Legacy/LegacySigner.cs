using System.Security.Cryptography.X509Certificates;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Crypto;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// The key that must have signed the layer: the leaf of the <c>certificate</c> annotation (keyless) or the
/// caller's key (<see cref="SignerPolicy.ForKey"/>). With a key, the certificate annotation is not used for the
/// signature, as cosign's <c>--key</c> path does not use it.
/// </summary>
internal static class LegacySigner
{
    /// <summary>On success with a keyless policy, <paramref name="leaf"/> is set and owned by the caller.</summary>
    public static Failure? Resolve(IReadOnlyDictionary<string, string> annotations, SignerPolicy signer, out X509Certificate2? leaf, out VerificationKey? key)
    {
        leaf = null;
        key = null;
        if (signer.Key is { } given)
        {
            key = given;
            return null;
        }
        var failure = CertificateAnnotation.Read(annotations, out leaf);
        if (failure is not null)
        {
            return failure;
        }
        if (leaf is null)
        {
            return new Failure(ReasonCodes.LegacyNoCertificateAnnotation,
                $"expected a Fulcio certificate in annotation {LegacyAnnotationKeys.Certificate} for keyless verification; found none (key-signed layers need a public key)");
        }
        if (!VerificationKey.TryCreate(leaf, out key))
        {
            leaf.Dispose();
            leaf = null;
            return new Failure(ReasonCodes.KeyUnsupported, "expected an ECDSA, RSA or Ed25519 key in the signing certificate; found an unsupported key type");
        }
        return null;
    }
}
