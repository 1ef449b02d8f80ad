using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Crypto;
using ImageGate.Sigstore.Identity;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Tests.Conformance;

/// <summary>
/// One case of sigstore-conformance's bundle-verify suite (tests/fixtures/conformance/bundle-verify/README.md),
/// read with the same defaults the suite's harness applies.
/// </summary>
internal sealed class ConformanceCase
{
    private const string DefaultIdentity = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
    private const string DefaultIssuer = "https://token.actions.githubusercontent.com";

    public static string Root => Path.Combine(AppContext.BaseDirectory, "fixtures", "conformance", "bundle-verify");

    public static string ProductionTrustRoot => Path.Combine(AppContext.BaseDirectory, "fixtures", "trusted-roots", "production.trusted_root.json");

    public static IEnumerable<string> Names =>
        System.IO.Directory.GetDirectories(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public ConformanceCase(string name)
        : this(name, Path.Combine(Root, name))
    {
    }

    /// <summary>A case read from another folder: a repaired copy of an upstream case.</summary>
    public ConformanceCase(string name, string folder)
    {
        Name = name;
        Folder = folder;
    }

    public string Name { get; }

    public string Folder { get; }

    public bool ShouldFail => Name.EndsWith("_fail", StringComparison.Ordinal);

    /// <summary>Verifies the case as the conformance CLI would; returns the failure or null.</summary>
    public Failure? Verify(bool digestForm)
    {
        var rootPath = Path.Combine(Folder, "trusted_root.json");
        var failure = TrustedRootParser.TryParse(File.ReadAllBytes(File.Exists(rootPath) ? rootPath : ProductionTrustRoot), out var root);
        if (failure is not null)
        {
            return failure;
        }
        failure = BundleParser.TryParse(File.ReadAllBytes(Path.Combine(Folder, "bundle.sigstore.json")), out var bundle);
        if (failure is not null)
        {
            return failure;
        }
        var artifactPath = Path.Combine(Folder, "artifact");
        var artifactBytes = File.ReadAllBytes(File.Exists(artifactPath) ? artifactPath : Path.Combine(Root, "a.txt"));
        var artifact = ArtifactPolicy.ForArtifact(artifactBytes);
        if (digestForm)
        {
            artifact = ArtifactPolicy.ForDigest("sha256", artifact.Digest);
        }
        SignerPolicy signer;
        var keyPath = Path.Combine(Folder, "key.pub");
        if (File.Exists(keyPath))
        {
            // A key that does not parse is refused before verification, as the CLI does (exit 2).
            if (!VerificationKey.TryCreateFromPem(File.ReadAllText(keyPath), out var key))
            {
                return new Failure(ReasonCodes.KeyUnsupported, "key.pub is not a supported PEM public key");
            }
            signer = SignerPolicy.ForKey(key!);
        }
        else
        {
            signer = SignerPolicy.ForIdentity(new IdentityMatcher
            {
                SubjectAlternativeName = ReadOr("identity", DefaultIdentity),
                Issuer = ReadOr("issuer", DefaultIssuer),
            });
        }
        return new BundleVerifier(root!).Verify(bundle!, artifact, signer).Failure;
    }

    private string ReadOr(string file, string fallback)
    {
        var path = Path.Combine(Folder, file);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : fallback;
    }

    public override string ToString() => Name;
}
