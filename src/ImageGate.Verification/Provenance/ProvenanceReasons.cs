namespace ImageGate.Verification.Provenance;

/// <summary>
/// The reason codes of the SLSA provenance rules (docs/provenance.md §3): each names the slsa-verifier failure it
/// stands for, and its sentence says what was expected and what was found.
/// </summary>
public static class ProvenanceReasons
{
    /// <summary>slsa-verifier: "source used to generate the binary does not match provenance".</summary>
    public const string SourceMismatch = "provenance.source-mismatch";

    /// <summary>slsa-verifier: "branch used to generate the binary does not match provenance".</summary>
    public const string BranchMismatch = "provenance.branch-mismatch";

    /// <summary>slsa-verifier: "tag used to generate the binary does not match provenance" (exact tag).</summary>
    public const string TagMismatch = "provenance.tag-mismatch";

    /// <summary>The same sentence, for a semantic-version tag (<c>--source-versioned-tag</c>).</summary>
    public const string VersionedTagMismatch = "provenance.versioned-tag-mismatch";

    /// <summary>slsa-verifier: "untrusted reusable workflow" / "builderID does not match provenance".</summary>
    public const string BuilderMismatch = "provenance.builder-mismatch";

    /// <summary>slsa-verifier: "invalid ref": a trusted builder referenced at anything but a vX.Y.Z tag.</summary>
    public const string BuilderRefInvalid = "provenance.builder-ref-invalid";

    /// <summary>slsa-verifier: "invalid OIDC issuer".</summary>
    public const string IssuerInvalid = "provenance.issuer-invalid";

    /// <summary>slsa-verifier: "artifact hash does not match provenance subject".</summary>
    public const string ArtifactHashMismatch = "provenance.artifact-hash-mismatch";

    /// <summary>slsa-verifier: "invalid DSSE envelope payload", "invalid buildType", "URI is malformed": the statement
    /// is not SLSA provenance this builder writes, or lacks a field the rules read.</summary>
    public const string Malformed = "provenance.malformed";

    /// <summary>A line that is not a Sigstore bundle (a bare DSSE envelope): nothing in it can be checked offline.</summary>
    public const string Unverifiable = "provenance.unverifiable";
}
