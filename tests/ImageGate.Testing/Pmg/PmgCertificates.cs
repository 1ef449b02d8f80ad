using System.Security.Cryptography.X509Certificates;
using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Testing.Pmg;

/// <summary>
/// The Fulcio GitHub extensions a tag-triggered pmg-exporter release run gets (1.3.6.1.4.1.57264.1.x): both the
/// release workflow's and the SLSA generator's certificates name pmg-exporter as source repository.
/// </summary>
public static class PmgCertificates
{
    public static IReadOnlyList<X509Extension> ReleaseRunExtensions(string buildSignerUri, string tag = PmgNames.Version)
    {
        const string server = "https://github.com";
        string tagRef = "refs/tags/" + tag;
        string workflow = $"{server}/{PmgNames.Repository}/.github/workflows/release.yml@{tagRef}";
        return
        [
            FulcioExtensions.For(2, "push"),
            FulcioExtensions.For(3, PmgNames.Commit),
            FulcioExtensions.For(4, "Release"),
            FulcioExtensions.For(5, PmgNames.Repository),
            FulcioExtensions.For(6, tagRef),
            FulcioExtensions.For(9, buildSignerUri),
            FulcioExtensions.For(11, "github-hosted"),
            FulcioExtensions.For(12, $"{server}/{PmgNames.Repository}"),
            FulcioExtensions.For(13, PmgNames.Commit),
            FulcioExtensions.For(14, tagRef),
            FulcioExtensions.For(16, $"{server}/natrontech"),
            FulcioExtensions.For(18, workflow),
            FulcioExtensions.For(19, PmgNames.Commit),
            FulcioExtensions.For(20, "push"),
            FulcioExtensions.For(21, $"{server}/{PmgNames.Repository}/actions/runs/17000000000/attempts/1"),
            FulcioExtensions.For(22, "public"),
        ];
    }
}
