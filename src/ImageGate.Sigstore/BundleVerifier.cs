using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Certificates;
using ImageGate.Sigstore.Crypto;
using ImageGate.Sigstore.Dsse;
using ImageGate.Sigstore.Identity;
using ImageGate.Sigstore.InToto;
using ImageGate.Sigstore.Timestamps;
using ImageGate.Sigstore.Transparency;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore;

/// <summary>
/// Verifies one Sigstore bundle offline against a trust root, in sigstore-go's order (pkg/verify/signed_entity.go):
/// transparency log, observer timestamps, certificate at every verified time, SCT, signature, artifact, identity.
/// Any failure aborts; nothing is half-verified. Each step lives in its own file; this is the linear walk, the only
/// one: cosign legacy layers are adapted into bundles and walk it too, with <see cref="VerifierOptions.Legacy"/>
/// naming the few rules that differ for them.
/// </summary>
public sealed class BundleVerifier
{
    private readonly TrustedRoot _root;
    private readonly VerifierOptions _options;
    private readonly TimeProvider _time;

    public BundleVerifier(TrustedRoot root, VerifierOptions? options = null, TimeProvider? timeProvider = null)
    {
        _root = root ?? throw new ArgumentNullException(nameof(root));
        _options = options ?? VerifierOptions.Default;
        _time = timeProvider ?? TimeProvider.System;
        if (_options.TlogThreshold < 1 || _options.SctThreshold < 1)
        {
            throw new ArgumentException("thresholds below 1 would accept unlogged or unwitnessed signatures", nameof(options));
        }
    }

    public VerificationResult Verify(SigstoreBundle bundle, ArtifactPolicy artifact, SignerPolicy signer)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(artifact);
        ArgumentNullException.ThrowIfNull(signer);
        // The relaxed legacy rules apply to legacy material only, and legacy material never goes without them.
        if (bundle.IsCosignLegacy != (_options.Legacy is not null))
        {
            throw new ArgumentException(bundle.IsCosignLegacy
                ? "a bundle adapted from a cosign legacy layer must be verified with VerifierOptions.Legacy"
                : "VerifierOptions.Legacy applies to bundles adapted from cosign legacy layers only", nameof(bundle));
        }

        // The signing key: a Fulcio certificate's (keyless) or the caller's (key-signed). The two never mix.
        var failure = SignerKey(bundle, signer, out var leaf, out var key);
        if (failure is not null)
        {
            return VerificationResult.Failed(failure);
        }
        using var leafScope = leaf;
        var content = Content(bundle, leaf, key!, artifact);

        // 0. The messageDigest hint against the artifact, before the log is bound to it: a wrong hint is the
        //    bundle's fault, and the log (which holds the true digest) would otherwise be blamed for it.
        if (bundle.MessageSignature is { } message && MessageSignatureVerifier.CheckDigest(message, artifact, out _, out _) is { } digestMismatch)
        {
            return VerificationResult.Failed(digestMismatch);
        }

        // 1. Transparency log: proofs and SETs; integrated times under verified SETs become trusted times.
        // Validity read from the DER (UTC): X509Certificate2's local-time properties would load time-zone data.
        ParsedCertificate? parsedLeaf = null;
        if (leaf is not null && ParsedCertificate.TryGet(leaf, out parsedLeaf) is { } malformed)
        {
            return VerificationResult.Failed(malformed);
        }
        var tlog = new TlogVerifier.Outcome([], [], false);
        if (!_options.InsecureIgnoreTlog)
        {
            failure = TlogVerifier.Verify(bundle, content, _root, _options, parsedLeaf?.NotBefore, parsedLeaf?.NotAfter, out tlog);
            if (failure is not null)
            {
                return VerificationResult.Failed(failure);
            }
        }

        // 2. Observer timestamps. RFC 3161 tokens that verify add their genTime; one that does not is ignored
        //    (as in sigstore-go), but when signed timestamps are required at least one must verify.
        var times = new List<VerifiedTimestamp>(tlog.IntegratedTimes);
        failure = SignedTimestamps.Verify(bundle.Rfc3161Timestamps, content.Timestamped.Span, _root.TimestampAuthorities, times,
            out int tsaCount, out var rejected);
        if (failure is not null)
        {
            return VerificationResult.Failed(failure);
        }
        bool requireSigned = _options.RequireSignedTimestamps || (tlog.AllRekorV2 && leaf is not null);
        if (requireSigned && tsaCount == 0)
        {
            return VerificationResult.Failed(new Failure(ReasonCodes.TimestampThresholdNotMet,
                $"expected at least one verified RFC 3161 timestamp{(tlog.AllRekorV2 ? " (Rekor v2 entries carry no integrated time)" : string.Empty)}; found {bundle.Rfc3161Timestamps.Count} timestamp(s), none verified{(rejected is null ? string.Empty : $" (first refused: {rejected.Message})")}"));
        }
        if (leaf is not null && times.Count == 0)
        {
            return VerificationResult.Failed(new Failure(ReasonCodes.NoVerifiedTime,
                "expected a time proven by a verified signed entry timestamp or RFC 3161 timestamp; found none"));
        }
        foreach (var time in times)
        {
            if (time.Time > _time.GetUtcNow() + TimeSpan.FromMinutes(5))
            {
                return VerificationResult.Failed(new Failure(ReasonCodes.NoVerifiedTime,
                    $"the {time.Source} time {time.Time:O} from {time.Authority} is in the future"));
            }
        }

        // 3. Certificate: chained to a trusted Fulcio CA at every verified time, then the embedded SCTs.
        CertificateIdentity? identity = null;
        if (leaf is not null)
        {
            failure = SigningCertificate.Verify(leaf, parsedLeaf!, times, _root, _options, out identity);
            if (failure is not null)
            {
                return VerificationResult.Failed(failure);
            }
        }

        // 4. Signature over the DSSE PAE or the message, then the artifact binding.
        failure = Signature(bundle, content, artifact, out var predicateType);
        if (failure is not null)
        {
            return VerificationResult.Failed(failure);
        }

        // 5. Identity policy: SAN, issuer, extensions; any one accepted identity suffices.
        if (identity is not null)
        {
            failure = IdentityVerifier.CheckAny(signer.Identities, identity);
            if (failure is not null)
            {
                // Who did sign, for the caller's telemetry: the chain verified, only the policy refused the identity.
                return new VerificationResult { Failure = failure, SignerIdentity = identity.SubjectAlternativeName, SignerIssuer = identity.Issuer };
            }
        }

        return new VerificationResult
        {
            SignerIdentity = identity?.SubjectAlternativeName,
            SignerIssuer = identity?.Issuer,
            Certificate = identity,
            Timestamps = times,
            LogEntries = tlog.Verified,
            Statement = bundle.DsseEnvelope?.Payload,
            PredicateType = predicateType,
        };
    }

    /// <summary>
    /// What the steps compare against. For a cosign legacy <c>.att</c> the log entry and the timestamp cover the
    /// envelope's exact bytes (§4.7 steps 1-2); everywhere else they cover the signature and the payload hash.
    /// </summary>
    private SignedContent Content(SigstoreBundle bundle, X509Certificate2? leaf, VerificationKey key, ArtifactPolicy artifact)
    {
        var signature = bundle.SignatureBytes;
        ReadOnlyMemory<byte> envelopeBytes = default;
        if (_options.Legacy is { } legacy && bundle.DsseEnvelope is { } envelope)
        {
            if (envelope.Serialized.IsEmpty && (legacy.BindsEnvelopeBytes || legacy.TimestampsCoverEnvelope))
            {
                throw new ArgumentException("a legacy attestation's envelope must carry its exact bytes (DsseEnvelope.Serialized)", nameof(bundle));
            }
            envelopeBytes = envelope.Serialized;
        }
        var timestamped = _options.Legacy?.TimestampsCoverEnvelope == true && !envelopeBytes.IsEmpty ? envelopeBytes : signature;
        var logged = _options.Legacy?.BindsEnvelopeBytes == true ? envelopeBytes : default;
        return new SignedContent(signature, leaf?.RawData, key, bundle.MessageSignature, bundle.DsseEnvelope, artifact, timestamped, logged);
    }

    private static Failure? SignerKey(SigstoreBundle bundle, SignerPolicy signer, out X509Certificate2? leaf, out VerificationKey? key)
    {
        leaf = null;
        key = null;
        if (bundle.HasPublicKey)
        {
            if (signer.Key is null)
            {
                return new Failure(ReasonCodes.KeyMismatch, "expected a signing certificate for the accepted certificate identities; found a signature by a bare public key (no certificate), and no key was given to verify it");
            }
            key = signer.Key;
            return null;
        }
        if (signer.Identity is null)
        {
            return new Failure(ReasonCodes.KeyMismatch, "expected a signature by the given public key; found one by a certificate (keyless), which a key policy does not accept");
        }
        try
        {
            leaf = X509CertificateLoader.LoadCertificate(bundle.Certificate!);
        }
        catch (CryptographicException e)
        {
            return new Failure(ReasonCodes.CertificateMalformed, $"the signing certificate does not parse: {e.Message}");
        }
        if (!VerificationKey.TryCreate(leaf, out key))
        {
            return new Failure(ReasonCodes.KeyUnsupported, "the signing certificate's key type is not supported");
        }
        return null;
    }

    private static Failure? Signature(SigstoreBundle bundle, SignedContent content, ArtifactPolicy artifact, out string? predicateType)
    {
        predicateType = null;
        if (bundle.DsseEnvelope is { } envelope)
        {
            if (!DsseSignatureVerifier.Verify(envelope, content.Signature, content.SignerKey))
            {
                return new Failure(ReasonCodes.SignatureInvalid, $"the DSSE signature does not verify with the signer's {content.SignerKey.Description} key");
            }
            if (envelope.PayloadType != StatementSubjects.InTotoPayloadType)
            {
                return new Failure(ReasonCodes.DsseMalformed, $"expected payloadType {StatementSubjects.InTotoPayloadType}; found \"{envelope.PayloadType}\"");
            }
            return StatementSubjects.Check(envelope.Payload.Span, artifact, out predicateType);
        }
        return MessageSignatureVerifier.Verify(bundle.MessageSignature!, content.SignerKey, artifact);
    }
}
