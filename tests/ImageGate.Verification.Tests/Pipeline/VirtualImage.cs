using System.Text;
using ImageGate.Oci;
using ImageGate.Oci.Models;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Identity;
using ImageGate.Sigstore.TrustRoot;
using ImageGate.Testing.VirtualSigstore;
using ImageGate.Verification.Discovery;
using ImageGate.Verification.Pipeline;
using ImageGate.Verification.Policy;
using ImageGate.Verification.Report;

namespace ImageGate.Verification.Tests.Pipeline;

/// <summary>How an artifact is stored: the three formats a policy must treat alike.</summary>
public enum StoredAs
{
    /// <summary>A Sigstore bundle v0.3 referrer (DSSE, dsse 0.0.1 entry with SET and inclusion proof).</summary>
    Bundle,

    /// <summary>A legacy <c>.sig</c> simple-signing layer (hashedrekord, SET only).</summary>
    Sig,

    /// <summary>A legacy <c>.att</c> DSSE layer (dsse 0.0.1, SET only).</summary>
    Att,
}

/// <summary>
/// One image digest and two virtual Sigstore deployments that share a clock, both trusted: <see cref="Sigstore"/>
/// signs, <see cref="Second"/> lends a second Rekor log and a second CT log when a test wants thresholds of 2.
/// Artifacts are handed to <see cref="ImageVerifier"/> as discovery would hand them: bundles parsed, legacy layers
/// as their exact bytes and descriptor annotations.
/// </summary>
public sealed class VirtualImage : IDisposable
{
    public const string ProvenanceType = "https://slsa.dev/provenance/v0.2";
    public const string SbomType = "https://cyclonedx.org/bom";
    public const string OtherIdentity = "https://github.com/someone/else/.github/workflows/release.yml@refs/heads/main";

    private static readonly byte[] Manifest = Encoding.UTF8.GetBytes(
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"," +
        "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2}," +
        "\"layers\":[]}");

    public VirtualImage()
    {
        Sigstore = new VirtualSigstore();
        Second = new VirtualSigstore(Sigstore.Clock, "second");
        Digest = Digest.Compute(Manifest);
        Assert.Null(TrustedRootParser.TryParse(Sigstore.TrustedRootJson(new TrustedRootOptions { AlsoTrust = [Second] }), out var root));
        Root = root!;
    }

    public VirtualSigstore Sigstore { get; }

    public VirtualSigstore Second { get; }

    public Digest Digest { get; }

    public TrustedRoot Root { get; }

    private byte[] DigestBytes => Convert.FromHexString(Digest.Encoded);

    /// <summary>Signing that logs in both deployments' Rekor logs (bundles only: a legacy layer holds one entry).</summary>
    public SignOptions InTwoLogs => new() { AdditionalRekorLogs = [Second.Rekor] };

    /// <summary>Signing whose certificate embeds SCTs from both deployments' CT logs.</summary>
    public SignOptions WithTwoScts => new() { AdditionalCtLogs = [Second.CtLog] };

    public static SignOptions By(string identity) => new() { SubjectAlternativeName = identity };

    /// <summary>What a requirement of <paramref name="format"/> needs: the image signature (bundle, .sig) or a provenance (.att).</summary>
    public DiscoveredArtifact Signed(StoredAs format, SignOptions? options = null) => format switch
    {
        StoredAs.Bundle => Bundle(InTotoStatements.CosignSignPredicate, options),
        StoredAs.Sig => Sig(options),
        _ => Att(ProvenanceType, options),
    };

    public DiscoveredArtifact Bundle(string predicateType, SignOptions? options = null) =>
        Bundle(InTotoStatements.Statement([DigestBytes], predicateType), predicateType, options);

    /// <summary>A referrer bundle over exactly <paramref name="statement"/> (whose subject the caller chose).</summary>
    public DiscoveredArtifact Bundle(byte[] statement, string predicateType, SignOptions? options = null)
    {
        var signed = Sigstore.SignDsse(statement, options);
        var bytes = signed.ToBytes();
        Assert.Null(BundleParser.TryParse(bytes, out var bundle));
        return new DiscoveredArtifact
        {
            Source = ArtifactSource.ReferrersTag,
            Format = ArtifactFormat.Bundle,
            ManifestDigest = Digest.Compute(bytes.AsSpan(0, 16)),
            MediaType = "application/vnd.dev.sigstore.bundle.v0.3+json",
            Digest = Digest.Compute(bytes),
            PredicateType = predicateType,
            PayloadType = DssePae.InTotoPayloadType,
            BundleMediaType = bundle!.MediaType,
            Bundle = bundle,
        };
    }

    public DiscoveredArtifact Sig(SignOptions? options = null) =>
        Legacy(ArtifactFormat.LegacySignature, Sigstore.SignImageLegacy("registry.virtual.test/app", Digest.ToString(), options), null);

    public DiscoveredArtifact Att(string predicateType, SignOptions? options = null) =>
        Att(InTotoStatements.Statement([DigestBytes], predicateType), predicateType, options);

    /// <summary>A legacy <c>.att</c> layer over exactly <paramref name="statement"/>.</summary>
    public DiscoveredArtifact Att(byte[] statement, string predicateType, SignOptions? options = null) =>
        Legacy(ArtifactFormat.LegacyAttestation, Sigstore.AttestImageLegacy(statement, options), predicateType);

    private static DiscoveredArtifact Legacy(ArtifactFormat format, LegacyLayer layer, string? predicateType) => new()
    {
        Source = ArtifactSource.LegacyTag,
        Format = format,
        ManifestDigest = Digest.Compute(layer.Payload.AsSpan(0, 8)),
        MediaType = layer.MediaType,
        Digest = Digest.Compute(layer.Payload),
        PredicateType = predicateType,
        PayloadType = predicateType is null ? null : DssePae.InTotoPayloadType,
        LayerAnnotations = layer.Annotations,
        Content = layer.Payload,
    };

    public static IdentityMatcher Identity(string san = VirtualSigstore.DefaultIdentity) =>
        new() { SubjectAlternativeName = san, Issuer = VirtualSigstore.DefaultIssuer };

    /// <summary>One requirement that an artifact <see cref="Signed"/> as <paramref name="format"/> is meant to meet.</summary>
    public static ImagePolicy PolicyFor(StoredAs format, IReadOnlyList<IdentityMatcher>? identities = null, int tlog = 1, int sct = 1)
    {
        var signers = new SignerSet { Identities = identities ?? [Identity()] };
        return format == StoredAs.Att
            ? Policy(signature: null, [new AttestationRequirement { Name = "provenance", PredicateType = ProvenanceType, Signers = signers }], tlog, sct)
            : Policy(new SignatureRequirement { Signers = signers }, [], tlog, sct);
    }

    public static ImagePolicy Policy(SignatureRequirement? signature, IReadOnlyList<AttestationRequirement> attestations, int tlog = 1, int sct = 1) => new()
    {
        Name = "virtual",
        Digest = "sha256:" + new string('c', 64),
        Signature = signature,
        Attestations = attestations,
        TlogThreshold = tlog,
        SctThreshold = sct,
    };

    public VerificationReport Verify(ImagePolicy policy, params DiscoveredArtifact[] artifacts)
    {
        var discovery = new DiscoveryResult
        {
            Digest = Digest,
            MediaType = MediaTypes.OciManifest,
            Platforms = [],
            Artifacts = artifacts,
            Notes = [],
            Manifest = FetchedManifest.Parse(Manifest, Digest, MediaTypes.OciManifest, "test"),
        };
        return new ImageVerifier(Root, Sigstore.Clock).Verify("registry.virtual.test/app@" + Digest, discovery, policy, TestContext.Current.CancellationToken);
    }

    public void Dispose()
    {
        Second.Dispose();
        Sigstore.Dispose();
    }
}
