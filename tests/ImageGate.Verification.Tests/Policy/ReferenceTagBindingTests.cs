using ImageGate.Sigstore;
using ImageGate.Sigstore.Certificates;
using ImageGate.Verification.Policy;

namespace ImageGate.Verification.Tests.Policy;

/// <summary>No downgrades (docs/policy.md): a policy with <c>bindReferenceTag</c> requires every keyless signer to
/// come from a run of the tag the image reference names beside its digest.</summary>
public sealed class ReferenceTagBindingTests
{
    private static ImagePolicy Preset()
    {
        Assert.Null(Presets.TryGet("pmg-exporter", out var policy));
        return policy!;
    }

    private static IEnumerable<IReadOnlyDictionary<string, string>> AllExtensions(ImagePolicy policy) =>
        new[] { policy.Signature!.Signers }.Concat(policy.Attestations.Select(a => a.Signers))
            .SelectMany(s => s.Identities).Select(m => m.Extensions);

    [Fact]
    public void The_preset_binds_the_signature_the_sbom_and_the_provenance_to_the_tag()
    {
        var preset = Preset();
        Assert.True(preset.BindsReferenceTag);
        Assert.Null(ReferenceTagBinding.TryBind(preset, "v0.2.2", out var bound));
        var all = AllExtensions(bound).ToList();
        Assert.Equal(3, all.Count);
        Assert.All(all, e => Assert.Equal("refs/tags/v0.2.2", e[FulcioOids.SourceRepositoryRef]));
        // The preset itself is unchanged: binding makes a new policy for this one reference.
        Assert.All(AllExtensions(preset), e => Assert.False(e.ContainsKey(FulcioOids.SourceRepositoryRef)));
    }

    [Fact]
    public void A_reference_without_a_tag_leaves_the_policy_as_it_is()
    {
        var preset = Preset();
        Assert.Null(ReferenceTagBinding.TryBind(preset, tag: null, out var bound));
        Assert.Same(preset, bound);
    }

    [Fact]
    public void A_policy_without_the_flag_is_not_bound()
    {
        var unbound = Preset() with { BindsReferenceTag = false };
        Assert.Null(ReferenceTagBinding.TryBind(unbound, "v0.2.2", out var bound));
        Assert.Same(unbound, bound);
    }

    private const string PinnedRef = """
        apiVersion: imagegate.dev/v1
        kind: ImagePolicy
        name: pinned
        bindReferenceTag: true
        signature:
          identities:
            - issuer: https://token.actions.githubusercontent.com
              subjectRegExp: '^https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v[0-9.]+$'
              extensions:
                sourceRepositoryRef: refs/tags/v1.0.0
        """;

    [Fact]
    public void A_policy_pinned_to_the_same_tag_binds()
    {
        Assert.Null(ImagePolicyReader.TryRead(PinnedRef, "policy.yaml", baseDirectory: null, out var policy));
        Assert.Null(ReferenceTagBinding.TryBind(policy!, "v1.0.0", out var bound));
        Assert.Equal("refs/tags/v1.0.0", bound.Signature!.Signers.Identities[0].Extensions[FulcioOids.SourceRepositoryRef]);
    }

    [Fact]
    public void A_policy_pinned_to_another_tag_contradicts_the_reference()
    {
        Assert.Null(ImagePolicyReader.TryRead(PinnedRef, "policy.yaml", baseDirectory: null, out var policy));
        var failure = ReferenceTagBinding.TryBind(policy!, "v1.0.1", out _);
        Assert.Equal(PolicyReasons.Invalid, failure?.Code);
        Assert.Contains("refs/tags/v1.0.0", failure!.Message, StringComparison.Ordinal);
        Assert.Contains("\"v1.0.1\"", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("\"\"")]
    [InlineData("1")]
    [InlineData("True")]
    public void The_flag_is_true_or_false_and_nothing_else(string value)
    {
        var failure = ImagePolicyReader.TryRead(PinnedRef.Replace("bindReferenceTag: true", $"bindReferenceTag: {value}", StringComparison.Ordinal),
            "policy.yaml", baseDirectory: null, out _);
        Assert.Equal(PolicyReasons.Invalid, failure?.Code);
        Assert.Contains("bindReferenceTag must be true or false", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_flag_false_reads_as_not_binding()
    {
        Assert.Null(ImagePolicyReader.TryRead(PinnedRef.Replace("bindReferenceTag: true", "bindReferenceTag: false", StringComparison.Ordinal),
            "policy.yaml", baseDirectory: null, out var policy));
        Assert.False(policy!.BindsReferenceTag);
    }

    [Fact]
    public void The_flag_with_a_key_signer_is_refused()
    {
        // A key-signed artifact carries no certificate, so no release tag to compare.
        const string keyed = """
            apiVersion: imagegate.dev/v1
            kind: ImagePolicy
            name: keyed
            bindReferenceTag: true
            signature:
              keys: [cosign.pub]
            """;
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var pem = key.ExportSubjectPublicKeyInfoPem();
        Assert.Null(ImagePolicyReader.TryRead(keyed.Replace("bindReferenceTag: true", "bindReferenceTag: false", StringComparison.Ordinal),
            "policy.yaml", baseDirectory: null, out _, files: _ => pem));
        var failure = ImagePolicyReader.TryRead(keyed, "policy.yaml", baseDirectory: null, out _, files: _ => pem);
        Assert.Equal(PolicyReasons.Invalid, failure?.Code);
        Assert.Contains("bindReferenceTag needs keyless signers", failure!.Message, StringComparison.Ordinal);
    }
}
