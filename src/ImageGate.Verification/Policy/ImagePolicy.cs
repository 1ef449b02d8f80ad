using ImageGate.Sigstore.Crypto;
using ImageGate.Sigstore.Identity;
using ImageGate.Cue;

namespace ImageGate.Verification.Policy;

/// <summary>
/// What an image must carry to be admitted (docs/policy.md): at most one signature requirement
/// and any number of attestation requirements, each with the signers it accepts. Built only by
/// <see cref="ImagePolicyReader"/>, <see cref="Presets"/> or <see cref="PolicyFromFlags"/>, which validate it.
/// </summary>
public sealed class ImagePolicy
{
    public required string Name { get; init; }

    /// <summary>sha256 of the policy text and its CUE files, for the report and the marker.</summary>
    public required string Digest { get; init; }

    public SignatureRequirement? Signature { get; init; }

    public required IReadOnlyList<AttestationRequirement> Attestations { get; init; }

    public int TlogThreshold { get; init; } = 1;

    public int SctThreshold { get; init; } = 1;

    public int RequirementCount => (Signature is null ? 0 : 1) + Attestations.Count;

    /// <summary>Some requirement accepts a keyless signer, so the trust root must hold a Fulcio CA and CT logs.</summary>
    public bool NeedsKeyless => Signature?.Signers.Identities.Count > 0 || Attestations.Any(a => a.Signers.Identities.Count > 0);
}

/// <summary>Signers a requirement accepts: keyless identities (any one), or public keys (any one).</summary>
public sealed class SignerSet
{
    public IReadOnlyList<IdentityMatcher> Identities { get; init; } = [];

    public IReadOnlyList<VerificationKey> Keys { get; init; } = [];

    public override string ToString() => Keys.Count > 0
        ? $"{Keys.Count} public key(s)"
        : string.Join(" or ", Identities.Select(i => i.ToString()));
}

/// <summary>At least one valid image signature (cosign's sign predicate, or a legacy .sig) by one of the signers.</summary>
public sealed class SignatureRequirement
{
    public required SignerSet Signers { get; init; }
}

/// <summary>A valid attestation of exactly this predicate type, by one of the signers, satisfying the CUE policy.</summary>
public sealed class AttestationRequirement
{
    public required string Name { get; init; }

    /// <summary>The full predicate type URI (shorthands already expanded).</summary>
    public required string PredicateType { get; init; }

    public required SignerSet Signers { get; init; }

    public CuePolicy? Cue { get; init; }

    /// <summary>Where the CUE policy came from (file names), for reports.</summary>
    public string? CueSource { get; init; }
}
