using System.Text.Json;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Dsse;
using ImageGate.Sigstore.Formats;
using ImageGate.Sigstore.InToto;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// Verifies one cosign legacy <c>.att</c> layer (§1b) by cosign's legacy-annotation flow (§4.7): the layer is a
/// DSSE envelope JSON; its Rekor entry (intoto 0.0.1 / 0.0.2 or dsse 0.0.1) hashes "the whole layer payload"; the
/// statement's subject must include the image digest. The statement bytes are returned exactly as signed.
/// </summary>
public static class LegacyAttestationVerifier
{
    /// <param name="layer">The exact layer bytes: the DSSE envelope JSON.</param>
    /// <param name="annotations">The layer descriptor's annotations.</param>
    /// <param name="imageDigest">The digest being verified, <c>sha256:&lt;hex&gt;</c>.</param>
    public static VerificationResult Verify(
        ReadOnlyMemory<byte> layer,
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
        var digest = ImageDigestText.Parse(imageDigest);
        cancellationToken.ThrowIfCancellationRequested();

        // Steps 1–3: timestamp over the layer ("for attestations, the whole layer payload"), tlog over the layer
        // with the signature comparison "skipped for attestations" (their annotation signature is empty), certificate.
        var failure = LegacyFlow.Establish(annotations, LegacyLayerKind.Attestation, layer, signatureText: null, layer.Span,
            root, signer, options, cancellationToken, out var proof);
        if (failure is not null)
        {
            return VerificationResult.Failed(failure);
        }
        using (proof)
        {
            // Step 4: "parse the envelope, require payloadType application/vnd.in-toto+json, DSSE-verify (any one
            // signature suffices)".
            failure = ParseEnvelope(layer, out var envelope);
            if (failure is not null)
            {
                return VerificationResult.Failed(failure);
            }
            if (envelope!.PayloadType != StatementSubjects.InTotoPayloadType)
            {
                return VerificationResult.Failed(new Failure(ReasonCodes.DsseMalformed,
                    $"expected payloadType {StatementSubjects.InTotoPayloadType}; found \"{GoJson.Truncate(envelope.PayloadType)}\""));
            }
            bool verified = false;
            foreach (var signature in envelope.Signatures)
            {
                if (DsseSignatureVerifier.Verify(envelope, signature.Signature, proof!.Key))
                {
                    verified = true;
                    break;
                }
            }
            if (!verified)
            {
                return VerificationResult.Failed(new Failure(ReasonCodes.SignatureInvalid,
                    $"expected one of the envelope's {envelope.Signatures.Count} signature(s) to verify with the signer's {proof!.Key.Description} key; none does"));
            }
            cancellationToken.ThrowIfCancellationRequested();

            // Step 5: IntotoSubjectClaimVerifier — "some subject with digest.sha256 equal to the image hex must exist".
            failure = StatementSubjects.Check(envelope.Payload.Span, ArtifactPolicy.ForDigest("sha256", digest), out var predicateType);
            if (failure is not null)
            {
                return VerificationResult.Failed(failure);
            }

            // Step 6: CheckExpiry.
            return proof!.Finish(time, envelope.Payload, predicateType);
        }
    }

    private static Failure? ParseEnvelope(ReadOnlyMemory<byte> layer, out DsseEnvelope? envelope)
    {
        envelope = null;
        try
        {
            using var doc = JsonDocument.Parse(layer, GoJson.Options);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new Failure(ReasonCodes.DsseMalformed, $"expected the layer to be a DSSE envelope JSON object; found {doc.RootElement.ValueKind}");
            }
            envelope = BundleParser.ParseEnvelope(doc.RootElement);
        }
        catch (JsonException e)
        {
            return new Failure(ReasonCodes.DsseMalformed, $"expected the layer to be a DSSE envelope; it is not valid JSON: {e.Message}");
        }
        catch (ProtoJsonException e)
        {
            return new Failure(ReasonCodes.DsseMalformed, $"expected the layer to be a DSSE envelope: {e.Message}");
        }
        if (envelope.Signatures.Count == 0)
        {
            return new Failure(ReasonCodes.DsseMalformed, "expected the DSSE envelope to carry at least one signature; found none");
        }
        return null;
    }
}
