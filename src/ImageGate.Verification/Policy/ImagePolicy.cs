using ImageGate.Sigstore.Crypto;
using ImageGate.Sigstore.Identity;
using ImageGate.Cue;
using ImageGate.Verification.Provenance;

namespace ImageGate.Verification.Policy;

/// <summary>
/// What an image must carry to be admitted (docs/policy.md): at most one signature requirement
/// and any number of attestation requirements, each with the signers it accepts. Built only by
/// <see cref="ImagePolicyReader"/>, <see cref="Presets"/> or <see cref="PolicyFromFlags"/>, which validate it.
/// </summary>
public sealed record ImagePolicy
{
    public required string Name { get; init; }

    /// <summary>sha256 of the policy text and its CUE files, for the report and the marker.</summary>
    public required string Digest { get; init; }

    public SignatureRequirement? Signature { get; init; }

    public required IReadOnlyList<AttestationRequirement> Attestations { get; init; }

    public int TlogThreshold { get; init; } = 1;

    public int SctThreshold { get; init; } = 1;

    /// <summary>
    /// cosign's <c>--insecure-ignore-tlog</c> (policy <c>thresholds.tlog: 0</c>): signatures need no transparency-log
    /// entry. Only ever set when every signer is a public key; a run that sets it warns on stderr.
    /// </summary>
    public bool InsecureIgnoreTlog { get; init; }

    /// <summary>
    /// When the image reference names a tag beside its digest (<c>repo:v0.2.2@sha256:...</c>), every signer
    /// certificate must have been issued to a run of exactly that tag (<see cref="ReferenceTagBinding"/>), so another
    /// signed release of the same project cannot stand in for the one the deployment names.
    /// </summary>
    public bool BindsReferenceTag { get; init; }

    public int RequirementCount => (Signature is null ? 0 : 1) + Attestations.Count;

    /// <summary>Some requirement accepts a keyless signer, so the trust root must hold a Fulcio CA and CT logs.</summary>
    public bool NeedsKeyless => Signature?.Signers.Identities.Count > 0 || Attestations.Any(a => a.Signers.Identities.Count > 0);
}

/// <summary>Signers a requirement accepts: keyless identities (any one), or public keys (any one).</summary>
public sealed record SignerSet
{
    public IReadOnlyList<IdentityMatcher> Identities { get; init; } = [];

    public IReadOnlyList<VerificationKey> Keys { get; init; } = [];

    /// <summary>A provenance requirement's signers when none are named: the builder rule then decides which workflow.</summary>
    public static SignerSet AnyGitHubWorkflow { get; } = new() { Identities = [KnownBuilders.AnyGitHubWorkflow] };

    public override string ToString() => Keys.Count > 0
        ? $"{Keys.Count} public key(s)"
        : string.Join(" or ", Identities.Select(i => i.ToString()));
}

/// <summary>At least one valid image signature (cosign's sign predicate, or a legacy .sig) by one of the signers.</summary>
public sealed record SignatureRequirement
{
    public required SignerSet Signers { get; init; }
}

/// <summary>A valid attestation of exactly this predicate type, by one of the signers, satisfying the CUE policy.</summary>
public sealed record AttestationRequirement
{
    public required string Name { get; init; }

    /// <summary>The full predicate type URI (shorthands already expanded).</summary>
    public required string PredicateType { get; init; }

    public required SignerSet Signers { get; init; }

    public CuePolicy? Cue { get; init; }

    /// <summary>Where the CUE policy came from (file names), for reports.</summary>
    public string? CueSource { get; init; }

    /// <summary>
    /// slsa-verifier's rules for SLSA provenance (docs/provenance.md §3): source, branch, tag, versioned tag and a
    /// trusted builder. With them the requirement takes SLSA provenance v0.2 or v1, as slsa-verifier does; which
    /// one a builder writes is then checked against the builder table.
    /// </summary>
    public ProvenanceExpectations? Provenance { get; init; }
}
