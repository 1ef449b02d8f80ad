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
/// Any failure aborts; nothing is half-verified. Each step lives in its own file; this is the linear walk.
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

        // The signing key: a Fulcio certificate's (keyless) or the caller's (key-signed). The two never mix.
        var failure = SignerKey(bundle, signer, out var leaf, out var key);
        if (failure is not null)
        {
            return VerificationResult.Failed(failure);
        }
        using var leafScope = leaf;
        var content = new SignedContent(bundle.SignatureBytes, leaf?.RawData, key!, bundle.MessageSignature, bundle.DsseEnvelope, artifact);

        // 1. Transparency log: proofs and SETs; integrated times under verified SETs become trusted times.
        // Validity read from the DER (UTC): X509Certificate2's local-time properties would load time-zone data.
        ParsedCertificate? parsedLeaf = null;
        if (leaf is not null && ParsedCertificate.TryGet(leaf, out parsedLeaf) is { } malformed)
        {
            return VerificationResult.Failed(malformed);
        }
        failure = TlogVerifier.Verify(bundle, content, _root, _options.TlogThreshold,
            parsedLeaf?.NotBefore, parsedLeaf?.NotAfter, out var tlog);
        if (failure is not null)
        {
            return VerificationResult.Failed(failure);
        }

        // 2. Observer timestamps. RFC 3161 tokens that verify add their genTime; one that does not is ignored
        //    (as in sigstore-go), but when signed timestamps are required at least one must verify.
        var times = new List<VerifiedTimestamp>(tlog.IntegratedTimes);
        failure = SignedTimestamps(bundle, content, times, out int tsaCount);
        if (failure is not null)
        {
            return VerificationResult.Failed(failure);
        }
        bool requireSigned = _options.RequireSignedTimestamps || (tlog.AllRekorV2 && leaf is not null);
        if (requireSigned && tsaCount == 0)
        {
            return VerificationResult.Failed(new Failure(ReasonCodes.TimestampThresholdNotMet,
                $"expected at least one verified RFC 3161 timestamp{(tlog.AllRekorV2 ? " (Rekor v2 entries carry no integrated time)" : string.Empty)}; found {bundle.Rfc3161Timestamps.Count} timestamp(s), none verified"));
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

        // 3. Certificate: chained to a trusted Fulcio CA at every verified time, then the embedded SCT.
        CertificateIdentity? identity = null;
        if (leaf is not null)
        {
            failure = Certificate(leaf, times, out identity);
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
                return VerificationResult.Failed(failure);
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

    private static Failure? SignerKey(SigstoreBundle bundle, SignerPolicy signer, out X509Certificate2? leaf, out VerificationKey? key)
    {
        leaf = null;
        key = null;
        if (bundle.HasPublicKey)
        {
            if (signer.Key is null)
            {
                return new Failure(ReasonCodes.KeyMismatch, "the bundle is signed with a public key, but no key was given to verify it (a certificate identity was given)");
            }
            key = signer.Key;
            return null;
        }
        if (signer.Identity is null)
        {
            return new Failure(ReasonCodes.KeyMismatch, "the bundle is signed with a certificate, but a public key was required");
        }
        if (bundle.ChainIncludesRoot)
        {
            return new Failure(ReasonCodes.CertificateUntrustedChain, "the bundle's certificate chain contains a root certificate; trust comes from the trust root only");
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

    private Failure? SignedTimestamps(SigstoreBundle bundle, SignedContent content, List<VerifiedTimestamp> times, out int verified)
    {
        verified = 0;
        var authorities = new HashSet<string>();
        foreach (var token in bundle.Rfc3161Timestamps)
        {
            if (Rfc3161Verifier.Verify(token, content.Signature, _root.TimestampAuthorities, out var genTime, out var uri) is not null)
            {
                continue;
            }
            if (authorities.Add(uri))
            {
                times.Add(new VerifiedTimestamp(TimestampSource.TimestampAuthority, genTime, uri));
                verified++;
            }
        }
        return null;
    }

    private Failure? Certificate(X509Certificate2 leaf, List<VerifiedTimestamp> times, out CertificateIdentity? identity)
    {
        identity = null;
        IReadOnlyList<X509Certificate2> chain = [];
        foreach (var time in times)
        {
            var failure = FulcioChainValidator.Validate(leaf, _root.CertificateAuthorities, time.Time, out chain);
            if (failure is not null)
            {
                return failure;
            }
        }
        var sct = EmbeddedSctVerifier.Verify(leaf, chain[1], _root);
        if (sct is not null)
        {
            return sct;
        }
        return CertificateIdentity.TryRead(leaf, out identity);
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
