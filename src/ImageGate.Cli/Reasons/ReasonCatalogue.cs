using ImageGate.Oci;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Identity;
using ImageGate.Sigstore.Tuf;
using ImageGate.Cue;
using ImageGate.Verification.Legacy;
using ImageGate.Verification.Policy;
using ImageGate.Verification.Provenance;

namespace ImageGate.Cli.Reasons;

/// <summary>
/// Every reason code of every layer, with the one exit code it means, in one table. A code is raised by the layer
/// that owns it; this table is the only place that turns it into an exit code, so the same reason never exits two
/// ways. 1: a proof or policy failed (rejected). 2: the configuration or input must change. 3: worth retrying.
/// 4: a bug. A test checks that codes are unique and all listed here.
/// </summary>
internal static class ReasonCatalogue
{
    private const int Rejected = ExitCodes.Rejected;
    private const int Usage = ExitCodes.Usage;
    private const int Unavailable = ExitCodes.Unavailable;

    public static IReadOnlyDictionary<string, int> Table { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        // Sigstore core: trust root, bundle and every verification step.
        [ReasonCodes.TrustRootMalformed] = Usage,
        [ReasonCodes.TrustRootUnmeetable] = Usage,
        [ReasonCodes.BundleMalformed] = Rejected,
        [ReasonCodes.BundleUnsupportedVersion] = Rejected,
        [ReasonCodes.BundleLimitExceeded] = Rejected,
        [ReasonCodes.InputMalformed] = Rejected,
        [ReasonCodes.TlogBodyMalformed] = Rejected,
        [ReasonCodes.TlogBodyMismatch] = Rejected,
        [ReasonCodes.TlogDuplicateEntry] = Rejected,
        [ReasonCodes.TlogMissingProof] = Rejected,
        [ReasonCodes.TlogSetInvalid] = Rejected,
        [ReasonCodes.TlogInclusionProofInvalid] = Rejected,
        [ReasonCodes.TlogCheckpointInvalid] = Rejected,
        [ReasonCodes.TlogTimeOutsideCertificate] = Rejected,
        [ReasonCodes.TlogThresholdNotMet] = Rejected,
        [ReasonCodes.TimestampInvalid] = Rejected,
        [ReasonCodes.TimestampUntrusted] = Rejected,
        [ReasonCodes.TimestampThresholdNotMet] = Rejected,
        [ReasonCodes.TimestampRepeated] = Rejected,
        [ReasonCodes.NoVerifiedTime] = Rejected,
        [ReasonCodes.CertificateMalformed] = Rejected,
        [ReasonCodes.CertificateUntrustedChain] = Rejected,
        [ReasonCodes.SctMissing] = Rejected,
        [ReasonCodes.SctInvalid] = Rejected,
        [ReasonCodes.KeyMismatch] = Rejected,
        [ReasonCodes.KeyUnsupported] = Rejected,
        [ReasonCodes.KeyOutsideValidity] = Rejected,
        [ReasonCodes.SignatureInvalid] = Rejected,
        [ReasonCodes.DsseMalformed] = Rejected,
        [ReasonCodes.StatementMalformed] = Rejected,
        [ReasonCodes.SubjectMismatch] = Rejected,
        [ReasonCodes.ArtifactDigestMismatch] = Rejected,
        [ReasonCodes.IdentityMismatch] = Rejected,
        [ReasonCodes.IssuerMismatch] = Rejected,
        [ReasonCodes.ExtensionMismatch] = Rejected,
        [ReasonCodes.IdentityInvalid] = Usage,
        [ReasonCodes.RegexInvalid] = Usage,

        // The offline TUF check of the trust root (docs/trust-root.md §2.7): evidence of tampering, a replay or a
        // substitution is a rejection; metadata that cannot be used as it stands must be changed.
        [TufReasons.ThresholdNotMet] = Rejected,
        [TufReasons.VersionMismatch] = Rejected,
        [TufReasons.HashMismatch] = Rejected,
        [TufReasons.TargetMismatch] = Rejected,
        [TufReasons.Malformed] = Usage,
        [TufReasons.Missing] = Usage,
        [TufReasons.LimitExceeded] = Usage,
        [TufReasons.TargetMissing] = Usage,
        [TufReasons.Expired] = Usage,

        // Policy layer.
        [PolicyReasons.Invalid] = Usage,
        [PolicyReasons.PredicateTypeMismatch] = Rejected,
        [PolicyReasons.CueViolation] = Rejected,
        [PolicyReasons.CueUnevaluable] = Rejected,
        [PolicyReasons.RequirementMissing] = Rejected,

        // SLSA provenance rules (verify-artifact).
        [ProvenanceReasons.SourceMismatch] = Rejected,
        [ProvenanceReasons.BranchMismatch] = Rejected,
        [ProvenanceReasons.TagMismatch] = Rejected,
        [ProvenanceReasons.VersionedTagMismatch] = Rejected,
        [ProvenanceReasons.BuilderMismatch] = Rejected,
        [ProvenanceReasons.BuilderRefInvalid] = Rejected,
        [ProvenanceReasons.IssuerInvalid] = Rejected,
        [ProvenanceReasons.ArtifactHashMismatch] = Rejected,
        [ProvenanceReasons.Malformed] = Rejected,
        [ProvenanceReasons.Unverifiable] = Rejected,

        // Legacy cosign formats.
        [LegacyReasons.PayloadMalformed] = Rejected,
        [LegacyReasons.PayloadNotCosign] = Rejected,
        [LegacyReasons.PayloadDigestMismatch] = Rejected,
        [LegacyReasons.AnnotationMalformed] = Rejected,
        [LegacyReasons.NoSignatureAnnotation] = Rejected,
        [LegacyReasons.NoBundleAnnotation] = Rejected,

        // CUE policies that do not compile (imagegate policy eval; an ImagePolicy reports them as policy.invalid).
        [CueErrorCodes.Syntax] = Usage,
        [CueErrorCodes.Unsupported] = Usage,
        [CueErrorCodes.Reference] = Usage,
        [CueErrorCodes.Regex] = Usage,
        [CueErrorCodes.Limit] = Usage,
        [CueErrorCodes.InputMalformed] = Usage,

        // Sources: registries and layouts.
        [SourceReason.Unavailable] = Unavailable,
        [SourceReason.NotFound] = Unavailable,
        [SourceReason.Unauthorized] = Unavailable,
        [SourceReason.CredentialsRefused] = Usage,
        [SourceReason.DigestMismatch] = Rejected,
        [SourceReason.TooLarge] = Rejected,
        [SourceReason.TooMany] = Rejected,
        [SourceReason.Invalid] = Rejected,
        [SourceReason.BadInput] = Usage,
        [SourceReason.UnknownTag] = Usage,
        [SourceReason.RedirectRefused] = Rejected,

        // The CLI.
        [CliReasons.Usage] = Usage,
        [CliReasons.MarkerInvalid] = Rejected,
        [CliReasons.Internal] = Cli.ExitCodes.Internal,

        // The pod checks: what the API proves or refuses to prove.
        [PodReasons.NotInCluster] = Usage,
        [PodReasons.ApiUnavailable] = Unavailable,
        [PodReasons.Unauthorized] = Rejected,
        [PodReasons.Forbidden] = Rejected,
        [PodReasons.NotFound] = Rejected,
        [PodReasons.Malformed] = Rejected,
        [PodReasons.ContainerMissing] = Rejected,
        [PodReasons.ImageNotPinned] = Rejected,
        [PodReasons.DigestMismatch] = Rejected,
        [PodReasons.ImageIdUnknown] = Rejected,
    };

    /// <summary>The exit code of <paramref name="code"/>; an unlisted code is a bug, so it is an internal error.</summary>
    public static int ExitCodeFor(string code) =>
        Table.TryGetValue(code, out int exit) ? exit : Cli.ExitCodes.Internal;
}
