using System.Text.Json.Nodes;
using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Testing.Pmg;

/// <summary>
/// What one of the three artifacts may do differently from the real release; the defaults reproduce it. Each
/// negative test sets exactly one knob on exactly one artifact.
/// </summary>
public sealed class ArtifactKnobs
{
    /// <summary>Leave the artifact out (its referrer, or the whole <c>.att</c> tag).</summary>
    public bool Omit { get; init; }

    /// <summary>Certificate SAN instead of the release's.</summary>
    public string? Identity { get; init; }

    /// <summary>Signed in the run of another release tag (its ref extensions, and the release workflow's SAN):
    /// a genuine artifact of another signed release.</summary>
    public string? ReleaseTag { get; init; }

    /// <summary>Another Fulcio (one the trust root does not know).</summary>
    public VirtualFulcio? Fulcio { get; init; }

    public bool IncludeSct { get; init; } = true;

    /// <summary>Shifts the Rekor integrated time (past the 10-minute certificate: signed by an expired certificate).</summary>
    public TimeSpan IntegratedTimeOffset { get; init; }

    /// <summary>Sign slightly different bytes: a well-formed, logged, timestamped but wrong signature.</summary>
    public bool SignOtherBytes { get; init; }

    /// <summary>The statement's subject sha256 hex instead of the index digest's.</summary>
    public string? SubjectSha256 { get; init; }

    /// <summary>Edits the statement before signing (signature and provenance; the SBOM's predicate bytes are fixed).</summary>
    public Action<JsonObject>? EditStatement { get; init; }

    /// <summary>Edits the signed bundle JSON (new-format artifacts): tampering after signing.</summary>
    public Action<JsonObject>? TamperBundle { get; init; }

    /// <summary>Replaces the signed legacy layer (the <c>.att</c> provenance): tampering after signing.</summary>
    public Func<LegacyLayer, LegacyLayer>? TamperLayer { get; init; }
}
