using System.Security.Cryptography;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Identity;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Verification.Provenance;

/// <summary>One artifact that passed: its sha256, the statement that names it (bytes as signed) and the builder.</summary>
public sealed record VerifiedArtifact(string Sha256, ReadOnlyMemory<byte> Statement, string BuilderId, string? SourceCommit);

/// <summary>
/// <c>verify-artifact</c>'s walk (docs/provenance.md §3): every line of the provenance file is verified as a Sigstore
/// bundle by <see cref="BundleVerifier"/> (signed by a GitHub Actions certificate), then each artifact must be named
/// by one verified statement that meets every provenance rule. All artifacts must share one builder.
/// </summary>
public sealed class ArtifactProvenanceVerifier
{
    private readonly BundleVerifier _bundles;
    private readonly IReadOnlySet<string> _trustedBuilders;

    public ArtifactProvenanceVerifier(TrustedRoot root, TimeProvider? timeProvider = null, IReadOnlySet<string>? trustedBuilders = null)
    {
        _bundles = new BundleVerifier(root, timeProvider: timeProvider);
        _trustedBuilders = trustedBuilders ?? KnownBuilders.ArtifactDefaults;
    }

    public static string Sha256Hex(ReadOnlySpan<byte> artifact) => Convert.ToHexStringLower(SHA256.HashData(artifact));

    /// <summary>The verified artifacts, in the order given, or the first failure.</summary>
    public Failure? Verify(ReadOnlyMemory<byte> provenanceFile, IReadOnlyList<string> artifactSha256, ProvenanceExpectations expected,
        out IReadOnlyList<VerifiedArtifact> verified, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifactSha256);
        ArgumentNullException.ThrowIfNull(expected);
        verified = [];
        if (artifactSha256.Count == 0)
        {
            throw new ArgumentException("at least one artifact is required", nameof(artifactSha256));
        }
        var failure = ProvenanceLines.TrySplit(provenanceFile, out var lines);
        if (failure is not null)
        {
            return failure;
        }
        var outcomes = new List<(VerificationResult? Result, Failure? Failure)>();
        for (int i = 0; i < lines.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            outcomes.Add(VerifyLine(lines[i], i + 1, artifactSha256));
        }
        var passed = new List<VerifiedArtifact>();
        foreach (var digest in artifactSha256)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (VerifyArtifact(outcomes, digest, expected, out var artifact) is { } refused)
            {
                return refused;
            }
            if (passed.Count > 0 && passed[0].BuilderId != artifact!.BuilderId)
            {
                return new Failure(ProvenanceReasons.BuilderMismatch, $"encountered different builderIDs: {passed[0].BuilderId} and {artifact.BuilderId}");
            }
            passed.Add(artifact!);
        }
        verified = passed;
        return null;
    }

    /// <summary>
    /// The bundle on one line, verified against whichever artifact it names. When it names none, the signature,
    /// log and certificate were still checked, and the failure is the artifact hash.
    /// </summary>
    private (VerificationResult?, Failure?) VerifyLine(ReadOnlyMemory<byte> line, int number, IReadOnlyList<string> artifactSha256)
    {
        if (ProvenanceLines.TryParse(line, number, out var bundle) is { } unparsed)
        {
            return (null, unparsed);
        }
        var signer = SignerPolicy.ForIdentity(KnownBuilders.AnyGitHubWorkflow);
        Failure? subjectMismatch = null;
        foreach (var digest in artifactSha256)
        {
            var result = _bundles.Verify(bundle!, ArtifactPolicy.ForDigest("sha256", Convert.FromHexString(digest)), signer);
            if (result.IsVerified)
            {
                if (result.Certificate is null || result.Statement is null)
                {
                    return (null, new Failure(ProvenanceReasons.Malformed, $"line {number}: expected a DSSE bundle signed by a certificate; found {(result.Statement is null ? "a message signature" : "a key-signed bundle")}"));
                }
                return (result, null);
            }
            if (result.Failure!.Code != ReasonCodes.SubjectMismatch)
            {
                return (null, result.Failure with { Message = $"line {number}: {result.Failure.Message}" });
            }
            subjectMismatch ??= result.Failure;
        }
        return (null, new Failure(ProvenanceReasons.ArtifactHashMismatch, $"artifact hash does not match provenance subject (line {number}): {subjectMismatch!.Message}"));
    }

    /// <summary>The first line whose statement meets every rule for this artifact; else the most telling refusal: the
    /// first that is not about the artifact hash (that line named the artifact but failed another rule).</summary>
    private Failure? VerifyArtifact(List<(VerificationResult? Result, Failure? Failure)> outcomes, string digest, ProvenanceExpectations expected, out VerifiedArtifact? artifact)
    {
        artifact = null;
        Failure? first = null, telling = null;
        foreach (var (result, lineFailure) in outcomes)
        {
            var failure = lineFailure;
            string? builderId = null;
            if (result is not null)
            {
                failure = ProvenanceVerifier.Verify(result.Certificate!, result.Statement!.Value, [digest], expected, _trustedBuilders, out builderId);
            }
            if (failure is null)
            {
                artifact = new VerifiedArtifact(digest, result!.Statement!.Value, builderId!, WorkflowIdentity.SourceCommit(result.Certificate!));
                return null;
            }
            first ??= failure;
            if (failure.Code != ProvenanceReasons.ArtifactHashMismatch)
            {
                telling ??= failure;
            }
        }
        return telling ?? first;
    }
}
