using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ImageGate.Testing.VirtualSigstore;

/// <summary>
/// Fulcio's extensions under 1.3.6.1.4.1.57264.1 (oid-info.md in the fulcio repository): 1.1 to 1.6 hold the raw string bytes,
/// 1.8 and later hold a DER UTF8String.
/// </summary>
public static class FulcioExtensions
{
    public const string Prefix = "1.3.6.1.4.1.57264.1.";
    public const string IssuerV1 = Prefix + "1";
    public const string IssuerV2 = Prefix + "8";

    /// <summary>Extension 1.3.6.1.4.1.57264.1.<paramref name="n"/> with the encoding Fulcio uses for that number.</summary>
    public static X509Extension For(int n, string value) =>
        n <= 7 ? Raw(Prefix + n, value) : Utf8(Prefix + n, value);

    public static X509Extension Raw(string oid, string value) => new(oid, Encoding.UTF8.GetBytes(value), critical: false);

    public static X509Extension Utf8(string oid, string value) => new(oid, Der.Utf8String(value), critical: false);

    /// <summary>What a GitHub Actions workflow run gets, for identity tests of 1.2–1.6 and 1.9–1.22.</summary>
    public static IReadOnlyList<X509Extension> GitHubWorkflow(string repository = "virtual/repo", string sha = "0123456789abcdef0123456789abcdef01234567")
    {
        string server = "https://github.com";
        string workflowRef = $"{repository}/.github/workflows/build.yml@refs/heads/main";
        return
        [
            For(2, "push"),
            For(3, sha),
            For(4, "build"),
            For(5, repository),
            For(6, "refs/heads/main"),
            For(9, $"{server}/{workflowRef}"),
            For(10, sha),
            For(11, "github-hosted"),
            For(12, $"{server}/{repository}"),
            For(13, sha),
            For(14, "refs/heads/main"),
            For(15, "123456"),
            For(16, $"{server}/{repository.Split('/')[0]}"),
            For(17, "7890"),
            For(18, $"{server}/{workflowRef}"),
            For(19, sha),
            For(20, "push"),
            For(21, $"{server}/{repository}/actions/runs/42/attempts/1"),
            For(22, "public"),
        ];
    }
}
