namespace ImageGate.Verification.Provenance;

/// <summary>
/// What the provenance must say, slsa-verifier's flags: <c>--source-uri</c> (required), and when given
/// <c>--source-branch</c>, <c>--source-tag</c> or <c>--source-versioned-tag</c> (not both tag forms),
/// <c>--builder-id</c>. Null means "not checked".
/// </summary>
public sealed record ProvenanceExpectations(string SourceUri)
{
    public string? Branch { get; init; }

    public string? Tag { get; init; }

    public string? VersionedTag { get; init; }

    public string? BuilderId { get; init; }
}
