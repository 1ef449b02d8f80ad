using ImageGate.Sigstore;
using ImageGate.Sigstore.Certificates;

namespace ImageGate.Verification.Provenance;

/// <summary>
/// What a GitHub Actions Fulcio certificate says about the run (docs/provenance.md §1): the reusable workflow that
/// signed (SAN <c>https://github.com/o/r/.github/workflows/f.yml@ref</c>, split at its last <c>@</c>), the OIDC issuer
/// and the calling repository (1.3.6.1.4.1.57264.1.12 without <c>https://github.com/</c>, or the deprecated 1.5).
/// </summary>
public sealed record WorkflowIdentity(string Workflow, string WorkflowRef, string Issuer, string SourceRepository)
{
    /// <summary>The commit the run built: 1.3.6.1.4.1.57264.1.13, or the deprecated 1.3 on older certificates.</summary>
    public static string? SourceCommit(CertificateIdentity certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.SourceRepositoryDigest ?? certificate.GithubWorkflowSha;
    }

    public static Failure? TryRead(CertificateIdentity certificate, out WorkflowIdentity? identity)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        identity = null;
        string san = certificate.SubjectAlternativeName ?? string.Empty;
        int at = san.LastIndexOf('@');
        if (!san.StartsWith("https://", StringComparison.Ordinal) || at < 0 || at == san.Length - 1)
        {
            return new Failure(ProvenanceReasons.BuilderMismatch, $"expected the certificate's identity to be a workflow URI https://github.com/OWNER/REPO/PATH@REF; found \"{san}\"");
        }
        string? uri = certificate.SourceRepositoryUri;
        string? deprecated = certificate.GithubWorkflowRepository;
        if (!string.IsNullOrEmpty(uri) && !string.IsNullOrEmpty(deprecated) && KnownBuilders.GitHubPrefix + deprecated != uri)
        {
            return new Failure(ProvenanceReasons.SourceMismatch, $"the certificate names two source repositories: {KnownBuilders.GitHubPrefix + deprecated} (1.3.6.1.4.1.57264.1.5) and {uri} (1.3.6.1.4.1.57264.1.12)");
        }
        string repository = string.IsNullOrEmpty(uri)
            ? deprecated ?? string.Empty
            : uri.StartsWith(KnownBuilders.GitHubPrefix, StringComparison.Ordinal) ? uri[KnownBuilders.GitHubPrefix.Length..] : uri;
        identity = new WorkflowIdentity(san[..at], san[(at + 1)..], certificate.Issuer ?? string.Empty, repository);
        return null;
    }
}
