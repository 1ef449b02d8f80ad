namespace ImageGate.Sigstore;

/// <summary>
/// The reason codes the Sigstore core raises. Never rename or reuse one: scripts, dashboards and alerts match on them.
/// Each layer owns its own codes (policy.* in Verification.Policy, legacy.* in Verification.Legacy, source.* in Oci,
/// cue.* in the CUE evaluator, usage/internal in the CLI); the CLI's ReasonCatalogue gives every one its exit code.
/// </summary>
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

    // The signer's identity (§5). The policy layer owns policy.*; the core only matches identities.
    public const string IdentityMismatch = "identity.san-mismatch";
    public const string IssuerMismatch = "identity.issuer-mismatch";
    public const string ExtensionMismatch = "identity.extension-mismatch";
    public const string IdentityInvalid = "identity.invalid";

    /// <summary>An identity regexp that is not valid RE2 (Go regexp) syntax.</summary>
    public const string RegexInvalid = "regex.invalid";
}
