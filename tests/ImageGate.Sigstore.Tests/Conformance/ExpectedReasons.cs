using static ImageGate.Sigstore.ReasonCodes;

namespace ImageGate.Sigstore.Tests.Conformance;

/// <summary>
/// The reason code each "_fail" case of the conformance suite must be rejected with, derived from what is wrong
/// with the case and the step of the walk (tlog, timestamps, certificate, signature, identity) that meets it
/// first. A comment says why only where the name does not.
/// </summary>
internal static class ExpectedReasons
{
    public static IReadOnlyDictionary<string, string> ByCase { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Bundle and trust root: refused while parsing.
        ["bundle-empty-certificate-chain_fail"] = BundleMalformed,
        ["bundle-invalid-base64-signature_fail"] = BundleMalformed,
        ["bundle-malformed-json_fail"] = BundleMalformed,
        ["bundle-negative-log-index_fail"] = BundleMalformed,
        ["bundle-unknown-version_fail"] = BundleUnsupportedVersion,
        ["intoto-missing-inclusion-proof_fail"] = BundleMalformed,
        ["rekor2-no-inclusion-proof_fail"] = BundleMalformed,
        ["trust-root-tlog-missing-validity-start_fail"] = TrustRootMalformed,
        // The token is line-wrapped base64 (the README's `base64` wraps at 76), which protojson refuses too, so the
        // time check is never reached; the suite test of the unwrapped token shows it is met once the token is unwrapped.
        ["rekor2-timestamp-with-incorrect-time_fail"] = BundleMalformed,

        // The key given to verify with.
        ["managed-key-no-key_fail"] = KeyMismatch,
        // key.pub's point is off the curve (its last bytes spell "wrongkey"), so it is refused on load, as the CLI does.
        ["managed-key-wrong-key_fail"] = KeyUnsupported,

        // Transparency log: the proofs.
        // A staging entry: the production trust root knows none of its logs (the tlog step comes before the chain).
        ["bundle-from-wrong-instance_fail"] = TlogThresholdNotMet,
        ["checkpoint-bad-keyhint_fail"] = TlogCheckpointInvalid,
        ["checkpoint-wrong-roothash_fail"] = TlogCheckpointInvalid,
        ["inclusion-proof-corrupted-hash_fail"] = TlogInclusionProofInvalid,
        ["invalid-checkpoint-signature_fail"] = TlogCheckpointInvalid,
        // The stale proof carries no checkpoint, and nothing in a proof counts before its checkpoint verifies.
        ["invalid-inclusion-proof_fail"] = TlogCheckpointInvalid,
        // The root in the chain is ignored (only the leaf is read; trust comes from the trust root alone, as in
        // sigstore-go); the v0.1 entry's proof has no checkpoint, and that rejects it.
        ["bundle-with-root-cert_fail"] = TlogCheckpointInvalid,
        ["rekor2-checkpoint-missing-log-signature_fail"] = TlogCheckpointInvalid,
        ["rekor2-checkpoint-missing-origin_fail"] = TlogCheckpointInvalid,
        ["rekor2-checkpoint-missing-root-hash_fail"] = TlogCheckpointInvalid,
        ["rekor2-checkpoint-missing-size_fail"] = TlogCheckpointInvalid,
        ["rekor2-checkpoint-no-matching-signature_fail"] = TlogCheckpointInvalid,
        ["set-invalid-signature_fail"] = TlogSetInvalid,

        // Transparency log: the entry must be this bundle's. The log holds the original signature, so a bundle
        // carrying another one is refused by the body binding, which runs before the signature is checked.
        ["dsse-invalid-sig_fail"] = TlogBodyMismatch,
        ["dsse-mismatch-envelope_fail"] = TlogBodyMismatch,
        ["dsse-mismatch-sig_fail"] = TlogBodyMismatch,
        ["rekor2-dsse-invalid-sig_fail"] = TlogBodyMismatch,
        ["rekor2-dsse-mismatch-envelope_fail"] = TlogBodyMismatch,
        ["rekor2-dsse-mismatch-sig_fail"] = TlogBodyMismatch,
        ["signature-mismatch_fail"] = TlogBodyMismatch,
        ["incorrect-public-key_fail"] = TlogBodyMismatch,
        ["wrong-hashedrekord-artifact_fail"] = TlogBodyMismatch,
        ["wrong-hashedrekord-cert-and-sig_fail"] = TlogBodyMismatch,
        ["wrong-hashedrekord-entry_fail"] = TlogBodyMismatch,
        // The logged sig is base64 once where Rekor's intoto 0.0.2 encodes it twice: unreadable before comparable.
        ["intoto-log-entry-mismatch_fail"] = TlogBodyMalformed,

        // Transparency log: the integrated time against the leaf's validity.
        ["integrated-time-in-future_fail"] = TlogTimeOutsideCertificate,
        ["intoto-set-outside-signing-cert-validity_fail"] = TlogTimeOutsideCertificate,
        // The 2030 leaf is outside its CA's validity, but the 2023 integrated time is outside the leaf's first.
        ["intoto-expired-certificate_fail"] = TlogTimeOutsideCertificate,

        // Timestamps: a token that does not verify is ignored (as in sigstore-go); Rekor v2 entries then lack the
        // one verified timestamp they need, and the message names the refused token.
        ["rekor2-no-timestamp_fail"] = TimestampThresholdNotMet,
        ["rekor2-timestamp-outside-trust-root-tsa-validity_fail"] = TimestampThresholdNotMet,
        ["rekor2-timestamp-outside-tsa-cert-validity_fail"] = TimestampThresholdNotMet,
        ["rekor2-timestamp-payload-mismatch_fail"] = TimestampThresholdNotMet,
        ["rekor2-timestamp-untrusted-tsa-with-embedded-cert_fail"] = TimestampThresholdNotMet,
        ["rekor2-timestamp-untrusted-tsa-without-embedded-cert_fail"] = TimestampThresholdNotMet,

        // Certificate: the leaf must chain at every verified time.
        // The TSA's time is outside the leaf's validity: no chain holds at that time.
        ["intoto-tsa-timestamp-outside-cert-validity_fail"] = CertificateUntrustedChain,
        // No README upstream: the trust root's CT log has another key, so the SCT's log is unknown.
        ["invalid-ct-key_fail"] = SctInvalid,

        // Artifact: the bundle signs another digest than the artifact's.
        ["wrong-material_fail"] = ArtifactDigestMismatch,
        // The logged digest is the artifact's; only the bundle's (unauthenticated) messageDigest hint is wrong.
        ["message-digest-mismatch_fail"] = ArtifactDigestMismatch,
    };
}
