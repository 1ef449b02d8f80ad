namespace ImageGate.Sigstore;

/// <summary>Stable reason codes. Never rename or reuse one: scripts, dashboards and alerts match on them.</summary>
public static class ReasonCodes
{
    public const string TrustRootMalformed = "trustroot.malformed";
    public const string TrustRootUnmeetable = "trustroot.unmeetable";
    public const string BundleMalformed = "bundle.malformed";
    public const string BundleUnsupportedVersion = "bundle.unsupported-version";
    public const string BundleLimitExceeded = "bundle.limit-exceeded";
    public const string InputMalformed = "input.malformed";

    public const string TlogBodyMalformed = "tlog.body-malformed";
    public const string TlogBodyMismatch = "tlog.body-mismatch";
    public const string TlogDuplicateEntry = "tlog.duplicate-entry";
    public const string TlogMissingProof = "tlog.missing-proof";
    public const string TlogSetInvalid = "tlog.set-invalid";
    public const string TlogInclusionProofInvalid = "tlog.inclusion-proof-invalid";
    public const string TlogCheckpointInvalid = "tlog.checkpoint-invalid";
    public const string TlogTimeOutsideCertificate = "tlog.time-outside-certificate";
    public const string TlogThresholdNotMet = "tlog.threshold-not-met";

    public const string TimestampInvalid = "tsa.invalid";
    public const string TimestampUntrusted = "tsa.untrusted";
    public const string TimestampThresholdNotMet = "tsa.threshold-not-met";
    public const string TimestampRepeated = "tsa.repeated-token";
    public const string NoVerifiedTime = "time.none-verified";

    public const string CertificateMalformed = "cert.malformed";
    public const string CertificateUntrustedChain = "cert.untrusted-chain";
    public const string SctMissing = "cert.sct-missing";
    public const string SctInvalid = "cert.sct-invalid";

    public const string KeyMismatch = "key.mismatch";
    public const string KeyUnsupported = "key.unsupported";
    public const string KeyOutsideValidity = "key.outside-validity";

    public const string SignatureInvalid = "signature.invalid";
    public const string DsseMalformed = "dsse.malformed";
    public const string StatementMalformed = "intoto.statement-malformed";
    public const string SubjectMismatch = "intoto.subject-mismatch";
    public const string ArtifactDigestMismatch = "artifact.digest-mismatch";

    public const string IdentityMismatch = "policy.identity-mismatch";
    public const string IssuerMismatch = "policy.issuer-mismatch";
    public const string ExtensionMismatch = "policy.extension-mismatch";
    public const string PolicyInvalid = "policy.invalid";
    public const string PolicyPredicateTypeMismatch = "policy.predicate-type-mismatch";
    public const string PolicyCueViolation = "policy.cue-violation";
    public const string PolicyRequirementMissing = "policy.requirement-missing";

    // Legacy cosign annotations (.sig / .att layers, sigstore-offline-verification.md §1a, §1b, §4.7).
    public const string LegacyPayloadMalformed = "legacy.payload-malformed";
    public const string LegacyPayloadNotCosign = "legacy.payload-not-cosign";
    public const string LegacyPayloadDigestMismatch = "legacy.payload-digest-mismatch";
    public const string LegacyAnnotationMalformed = "legacy.annotation-malformed";
    public const string LegacyNoSignatureAnnotation = "legacy.no-signature-annotation";
    public const string LegacyNoBundleAnnotation = "legacy.no-bundle-annotation";
}
