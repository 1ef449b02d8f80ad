using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ImageGate.Testing.Processes;
using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Cli.Tests;

/// <summary>
/// `verify-bundle FILE_OR_DIGEST` with a digest other than sha256. npm provenance names its package tarball by
/// sha512 (subject <c>pkg:npm/...</c>, digest <c>{"sha512": ...}</c>); no real npm bundle is in the test data, so the
/// virtual Sigstore signs statements of that shape. Right digest: 0; tampered or other algorithm: 1; a digest
/// that is not one (wrong length, unknown algorithm): 2.
/// </summary>
public sealed class VerifyBundleDigestTests : IDisposable
{
    private static readonly byte[] Tarball = Encoding.UTF8.GetBytes("package/package.json: {\"name\":\"left-pad\",\"version\":\"1.3.0\"}");

    private readonly VirtualSigstore sigstore = new(name: "npm");
    private readonly string directory = Directory.CreateTempSubdirectory("imagegate-verify-bundle-").FullName;

    public VerifyBundleDigestTests() => File.WriteAllBytes(TrustedRoot, sigstore.TrustedRootJson());

    private string TrustedRoot => Path.Combine(directory, "trusted_root.json");

    public void Dispose()
    {
        sigstore.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private static string Hex(byte[] digest) => Convert.ToHexStringLower(digest);

    /// <summary>A bundle over an npm-shaped provenance statement whose one subject has these digests.</summary>
    private string SignStatement(params (string Algorithm, byte[] Digest)[] digests)
    {
        var digestSet = new JsonObject();
        foreach (var (algorithm, digest) in digests)
        {
            digestSet[algorithm] = Hex(digest);
        }
        var statement = new JsonObject
        {
            ["_type"] = "https://in-toto.io/Statement/v1",
            ["subject"] = new JsonArray(new JsonObject { ["name"] = "pkg:npm/left-pad@1.3.0", ["digest"] = digestSet }),
            ["predicateType"] = "https://slsa.dev/provenance/v1",
            ["predicate"] = new JsonObject(),
        };
        var path = Path.Combine(directory, $"bundle-{Guid.NewGuid():N}.sigstore.json");
        File.WriteAllBytes(path, sigstore.SignDsse(Encoding.UTF8.GetBytes(statement.ToJsonString())).ToBytes());
        return path;
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> VerifyAsync(string bundle, string fileOrDigest) =>
        CliRunner.RunAsync("verify-bundle", "--bundle", bundle, "--trusted-root", TrustedRoot,
            "--certificate-identity", VirtualSigstore.DefaultIdentity, "--certificate-oidc-issuer", VirtualSigstore.DefaultIssuer, fileOrDigest);

    [Fact]
    public async Task A_sha512_subject_verifies_with_its_sha512_and_not_with_a_tampered_one()
    {
        var sha512 = SHA512.HashData(Tarball);
        var bundle = SignStatement(("sha512", sha512));

        var (exit, stdout, stderr) = await VerifyAsync(bundle, "sha512:" + Hex(sha512));
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("verified: sha512:" + Hex(sha512), stdout, StringComparison.Ordinal);

        var tampered = (byte[])sha512.Clone();
        tampered[^1] ^= 0x01;
        (exit, _, stderr) = await VerifyAsync(bundle, "sha512:" + Hex(tampered));
        Assert.True(exit == 1, stderr);
        Assert.Contains("subject", stderr, StringComparison.Ordinal);

        // The same artifact by its sha256: this statement never names that digest.
        (exit, _, stderr) = await VerifyAsync(bundle, "sha256:" + Hex(SHA256.HashData(Tarball)));
        Assert.True(exit == 1, stderr);
    }

    [Fact]
    public async Task A_sha512_subject_verifies_against_the_artifact_file()
    {
        var bundle = SignStatement(("sha512", SHA512.HashData(Tarball)));
        var artifact = Path.Combine(directory, "left-pad-1.3.0.tgz");
        File.WriteAllBytes(artifact, Tarball);
        var (exit, stdout, stderr) = await VerifyAsync(bundle, artifact);
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
    }

    [Fact]
    public async Task A_subject_with_sha256_and_sha512_verifies_by_either_digest()
    {
        var bundle = SignStatement(("sha256", SHA256.HashData(Tarball)), ("sha512", SHA512.HashData(Tarball)));
        var (exit, _, stderr) = await VerifyAsync(bundle, "sha512:" + Hex(SHA512.HashData(Tarball)));
        Assert.True(exit == 0, stderr);
        (exit, _, stderr) = await VerifyAsync(bundle, "sha256:" + Hex(SHA256.HashData(Tarball)));
        Assert.True(exit == 0, stderr);
    }

    [Fact]
    public async Task A_sha384_subject_verifies_with_its_sha384()
    {
        var sha384 = SHA384.HashData(Tarball);
        var bundle = SignStatement(("sha384", sha384));
        var (exit, _, stderr) = await VerifyAsync(bundle, "sha384:" + Hex(sha384));
        Assert.True(exit == 0, stderr);
        sha384[0] ^= 0x80;
        (exit, _, stderr) = await VerifyAsync(bundle, "sha384:" + Hex(sha384));
        Assert.True(exit == 1, stderr);
    }

    [Theory]
    [InlineData("sha512:0123456789abcdef", "128 hex")]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef00", "64 hex")]
    [InlineData("sha384:abcdef", "96 hex")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e", "md5")]
    [InlineData("SHA512:0123456789abcdef", "SHA512")]
    public async Task A_digest_of_the_wrong_length_or_an_unknown_algorithm_is_a_usage_error(string argument, string mentioned)
    {
        var bundle = SignStatement(("sha512", SHA512.HashData(Tarball)));
        var (exit, _, stderr) = await VerifyAsync(bundle, argument);
        Assert.True(exit == 2, $"exit {exit}\n{stderr}");
        Assert.Contains("error: usage:", stderr, StringComparison.Ordinal);
        Assert.Contains(mentioned, stderr, StringComparison.Ordinal);
    }
}
