namespace ImageGate.Verification.Discovery;

/// <summary>The storage format of a Sigstore artifact (docs/verification.md §1).</summary>
public enum ArtifactFormat
{
    /// <summary>A Sigstore bundle (v0.3 and later) as the single layer of a referrer manifest.</summary>
    Bundle,

    /// <summary>A cosign simple-signing layer under the legacy <c>.sig</c> tag: an image signature.</summary>
    LegacySignature,

    /// <summary>A DSSE envelope layer under the legacy <c>.att</c> tag: an attestation.</summary>
    LegacyAttestation,
}
