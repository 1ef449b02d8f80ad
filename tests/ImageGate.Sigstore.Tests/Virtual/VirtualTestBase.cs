using System.Text;
using System.Text.Json.Nodes;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Identity;
using ImageGate.Sigstore.TrustRoot;
using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Sigstore.Tests.Virtual;

/// <summary>
/// One virtual deployment per test class instance, and the verifier driven the way the CLI drives it:
/// parse the trusted root and the bundle from bytes, then verify. Failures of either parse surface as results.
/// </summary>
public abstract class VirtualTestBase : IDisposable
{
    protected static readonly byte[] Artifact = Encoding.UTF8.GetBytes("an artifact signed by the virtual sigstore\n");

    protected VirtualSigstore Sigstore { get; } = new();

    /// <summary>The deployment's clock; the verifier refuses proven times more than minutes ahead of it.</summary>
    protected VirtualClock Clock => (VirtualClock)Sigstore.Clock;

    protected static SignerPolicy DefaultIdentity => SignerPolicy.ForIdentity(new IdentityMatcher
    {
        SubjectAlternativeName = VirtualSigstore.DefaultIdentity,
        Issuer = VirtualSigstore.DefaultIssuer,
    });

    protected static ArtifactPolicy ForArtifact => ArtifactPolicy.ForArtifact(Artifact);

    protected static byte[] Statement => InTotoStatements.StatementFor(Artifact);

    protected VerificationResult Verify(VirtualBundle bundle, TrustedRootOptions? root = null, SignerPolicy? signer = null,
        ArtifactPolicy? artifact = null, VerifierOptions? options = null) =>
        Verify(bundle.ToBytes(), Sigstore.TrustedRootJson(root), signer, artifact, options);

    protected VerificationResult Verify(JsonObject bundle, TrustedRootOptions? root = null, SignerPolicy? signer = null,
        ArtifactPolicy? artifact = null, VerifierOptions? options = null) =>
        Verify(Encoding.UTF8.GetBytes(bundle.ToJsonString()), Sigstore.TrustedRootJson(root), signer, artifact, options);

    protected VerificationResult Verify(byte[] bundle, byte[] trustedRoot, SignerPolicy? signer = null, ArtifactPolicy? artifact = null,
        VerifierOptions? options = null)
    {
        var rootFailure = TrustedRootParser.TryParse(trustedRoot, out var root);
        if (rootFailure is not null)
        {
            return VerificationResult.Failed(rootFailure);
        }
        var bundleFailure = BundleParser.TryParse(bundle, out var parsed);
        if (bundleFailure is not null)
        {
            return VerificationResult.Failed(bundleFailure);
        }
        return new BundleVerifier(root!, options, Sigstore.Clock).Verify(parsed!, artifact ?? ForArtifact, signer ?? DefaultIdentity);
    }

    protected static void AssertVerified(VerificationResult result) =>
        Assert.True(result.IsVerified, $"expected the bundle to verify; it failed with {result.Failure}");

    protected static void AssertFails(string code, VerificationResult result) =>
        Assert.True(result.Failure?.Code == code, $"expected {code}; got {(result.Failure is null ? "success" : result.Failure.ToString())}");

    public void Dispose()
    {
        Sigstore.Dispose();
        GC.SuppressFinalize(this);
    }
}
