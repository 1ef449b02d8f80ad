using System.Security.Cryptography;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Crypto;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// Verifies one cosign legacy <c>.sig</c> layer (§1a) by cosign's legacy-annotation flow (§4.7), offline, with a
/// trusted root. "Each layer is one signature"; the caller accepts the image when at least one layer verifies.
/// The chain of binding is "payload → docker-manifest-digest → image".
/// </summary>
public static class LegacySignatureVerifier
{
    /// <param name="payload">The exact layer bytes: the simple-signing payload as signed.</param>
    /// <param name="annotations">The layer descriptor's annotations.</param>
    /// <param name="imageDigest">The digest being verified, <c>sha256:&lt;hex&gt;</c>.</param>
    public static VerificationResult Verify(
        ReadOnlyMemory<byte> payload,
        IReadOnlyDictionary<string, string> annotations,
        string imageDigest,
        TrustedRoot root,
        SignerPolicy signer,
        LegacyOptions options,
        TimeProvider time,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ImageDigestText.Parse(imageDigest);
        cancellationToken.ThrowIfCancellationRequested();

        var failure = SignatureAnnotation.Read(annotations, out var signatureText, out var signature);
        if (failure is not null)
        {
            return VerificationResult.Failed(failure);
        }

        // Steps 1–3: timestamp over "the raw signature bytes", tlog over the payload, certificate.
        failure = LegacyFlow.Establish(annotations, LegacyLayerKind.Signature, payload, signatureText, signature,
            root, signer, options, cancellationToken, out var proof);
        if (failure is not null)
        {
            return VerificationResult.Failed(failure);
        }
        using (proof)
        {
            // Step 4: "verify the annotation signature over the raw payload bytes" — Sign(sha256(payload)), ECDSA DER.
            // cosign loads every non-Ed25519 verifier with SHA-256, whatever the curve; Ed25519 signs the payload itself.
            var hash = proof!.Key is Ed25519Key ? proof.Key.DefaultHash : HashAlgorithmName.SHA256;
            if (!proof.Key.VerifyData(payload.Span, signature, hash))
            {
                return VerificationResult.Failed(new Failure(ReasonCodes.SignatureInvalid,
                    $"expected the annotation signature to verify over the payload with the signer's {proof.Key.Description} key; it does not"));
            }
            cancellationToken.ThrowIfCancellationRequested();

            // Step 5: SimpleClaimVerifier — "critical.image.docker-manifest-digest == sha256:<hex>".
            failure = SimpleSigningPayload.Check(payload, imageDigest);
            if (failure is not null)
            {
                return VerificationResult.Failed(failure);
            }

            // Step 6: CheckExpiry.
            return proof.Finish(time);
        }
    }
}
