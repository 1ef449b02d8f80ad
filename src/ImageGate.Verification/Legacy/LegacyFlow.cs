using System.Security.Cryptography.X509Certificates;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Certificates;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// Steps 1–3 of §4.7, common to <c>.sig</c> and <c>.att</c> layers, in cosign's order: the signed timestamp,
/// the tlog check from the bundle annotation, then the certificate (chain at NotBefore, identity, SCT).
/// </summary>
internal static class LegacyFlow
{
    public static Failure? Establish(
        IReadOnlyDictionary<string, string> annotations,
        LegacyLayerKind kind,
        ReadOnlyMemory<byte> hashedBytes,
        string? signatureText,
        ReadOnlySpan<byte> timestampedBytes,
        TrustedRoot root,
        SignerPolicy signer,
        LegacyOptions options,
        CancellationToken cancellationToken,
        out LegacyProof? proof)
    {
        proof = null;
        var failure = LegacySigner.Resolve(annotations, signer, out var leaf, out var key);
        if (failure is not null)
        {
            return failure;
        }
        var times = new List<VerifiedTimestamp>();
        var entries = new List<TlogEntry>();
        try
        {
            // Step 1: "verify the rfc3161timestamp annotation (§4.3)" over the signature (.sig) or the layer (.att).
            failure = TimestampAnnotation.Verify(annotations, timestampedBytes, root, options.RequireSignedTimestamp, out var tsa);
            if (failure is not null)
            {
                return failure;
            }
            if (tsa is not null)
            {
                times.Add(tsa);
            }
            cancellationToken.ThrowIfCancellationRequested();

            // Step 2: "Tlog check (unless ignored), from the bundle annotation".
            if (options.RequireTlog)
            {
                var logged = new LoggedContent(kind, hashedBytes, signatureText, leaf?.RawData, key!);
                failure = LegacyTlog.Verify(annotations, logged, root, out var entry, out var integrated);
                if (failure is not null)
                {
                    return failure;
                }
                entries.Add(entry!);
                times.Add(integrated!);
            }
            cancellationToken.ThrowIfCancellationRequested();

            // Step 3: the certificate, keyless only; a key-signed layer has none to check.
            IReadOnlyList<X509Certificate2> chain = [];
            CertificateIdentity? identity = null;
            string? matchedSan = null;
            if (leaf is not null)
            {
                failure = LegacyCertificate.Check(leaf, root, signer.Identity!, out chain, out identity, out matchedSan);
                if (failure is not null)
                {
                    return failure;
                }
            }
            proof = new LegacyProof { Key = key!, Leaf = leaf, Chain = chain, Identity = identity, MatchedSan = matchedSan };
            proof.Times.AddRange(times);
            proof.Entries.AddRange(entries);
            return null;
        }
        finally
        {
            if (proof is null)
            {
                leaf?.Dispose();
            }
        }
    }
}
