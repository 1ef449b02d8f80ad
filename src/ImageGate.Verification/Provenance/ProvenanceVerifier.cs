using ImageGate.Sigstore;
using ImageGate.Sigstore.Certificates;

namespace ImageGate.Verification.Provenance;

/// <summary>
/// Applies the provenance rules to one statement whose bundle already verified, in slsa-verifier's order
/// (docs/provenance.md §3): issuer and builder from the certificate, the certificate's source repository, the
/// statement's format and builder id, its source, the artifact digests, then branch, tag and versioned tag. Pure:
/// no I/O, no clock; the first failure is the answer.
/// </summary>
public static class ProvenanceVerifier
{
    /// <summary>Returns the verified builder id (<c>workflow@ref</c>) or the failure.</summary>
    public static Failure? Verify(
        CertificateIdentity certificate,
        ReadOnlyMemory<byte> statement,
        IReadOnlyList<string> artifactSha256,
        ProvenanceExpectations expected,
        IReadOnlySet<string> trustedBuilders,
        out string? builderId)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(artifactSha256);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(trustedBuilders);
        builderId = null;
        ProvenanceStatement? parsed = null;
        var failure = WorkflowIdentity.TryRead(certificate, out var identity)
            ?? BuilderRule.CheckCertificate(identity!, expected.BuilderId, trustedBuilders, out builderId)
            ?? SourceRule.CheckCertificate(identity!, expected.SourceUri)
            ?? ProvenanceStatement.TryParse(statement, out parsed);
        if (failure is not null)
        {
            builderId = null;
            return failure;
        }
        failure = BuilderRule.CheckStatement(parsed!, builderId!)
            ?? SourceRule.CheckStatement(parsed!, expected.SourceUri);
        foreach (var digest in artifactSha256)
        {
            failure ??= SubjectDigestRule.Check(parsed!, digest);
        }
        failure ??= (expected.Branch is { } branch ? BranchRule.Check(parsed!, branch) : null)
            ?? (expected.Tag is { } tag ? TagRule.Check(parsed!, tag) : null)
            ?? (expected.VersionedTag is { } versioned ? VersionedTagRule.Check(parsed!, versioned) : null);
        if (failure is not null)
        {
            builderId = null;
        }
        return failure;
    }
}
