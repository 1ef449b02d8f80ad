using ImageGate.Sigstore;

namespace ImageGate.Verification.Report;

/// <summary>
/// Everything one run decided about one image: each requirement with what met it or why nothing did, and each
/// artifact found with its verdict. The marker, the human summary and the JSON output are all views of this.
/// </summary>
public sealed class VerificationReport
{
    public required string ImageReference { get; init; }

    public required string Digest { get; init; }

    public required string MediaType { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required string TrustRootDigest { get; init; }

    public required string PolicyName { get; init; }

    public required string PolicyDigest { get; init; }

    public required IReadOnlyList<RequirementOutcome> Requirements { get; init; }

    public required IReadOnlyList<ArtifactOutcome> Artifacts { get; init; }

    public bool Verified => Requirements.Count > 0 && Requirements.All(r => r.Satisfied);

    /// <summary>The first unmet requirement's failure: what drives the exit code, the span status and the metric.</summary>
    public Failure? FirstFailure => Requirements.FirstOrDefault(r => !r.Satisfied)?.Failure;
}

public enum RequirementKind
{
    Signature,
    Attestation,
}

public sealed class RequirementOutcome
{
    public required string Name { get; init; }

    public required RequirementKind Kind { get; init; }

    public required string PredicateType { get; init; }

    public required string Signers { get; init; }

    public Evidence? Evidence { get; init; }

    public Failure? Failure { get; init; }

    public bool Satisfied => Evidence is not null;
}

/// <summary>What met a requirement: the artifact, its signer and the proven times.</summary>
public sealed class Evidence
{
    public required string Source { get; init; }

    public required string Format { get; init; }

    public required string ArtifactDigest { get; init; }

    public required string PredicateType { get; init; }

    public string? Identity { get; init; }

    public string? Issuer { get; init; }

    public long? LogIndex { get; init; }

    public DateTimeOffset? IntegratedTime { get; init; }

    public DateTimeOffset? SignedTime { get; init; }

    /// <summary>The verified in-toto statement bytes as signed (never re-serialised); null for simple signing.</summary>
    public ReadOnlyMemory<byte>? Statement { get; init; }

    /// <summary>What the verified signing certificate says (null for a key signer): cosign's output repeats it.</summary>
    public ImageGate.Sigstore.Certificates.CertificateIdentity? Certificate { get; init; }

    /// <summary>For SLSA provenance checked by slsa-verifier's rules: the builder that signed, <c>workflow@ref</c>.</summary>
    public string? BuilderId { get; init; }

    /// <summary>With <see cref="BuilderId"/>: the source commit the certificate names.</summary>
    public string? SourceCommit { get; init; }
}

/// <summary>One artifact found on the image and what became of it.</summary>
public sealed class ArtifactOutcome
{
    public required string Source { get; init; }

    public required string Format { get; init; }

    public required string Digest { get; init; }

    public string? PredicateType { get; init; }

    /// <summary>verified, rejected, or not-required (no requirement asks for its type).</summary>
    public required string Verdict { get; init; }

    public string? Requirement { get; init; }

    public Failure? Failure { get; init; }
}
