using ImageGate.Sigstore;
using ImageGate.Sigstore.Certificates;
using ImageGate.Sigstore.Identity;

namespace ImageGate.Verification.Policy;

/// <summary>
/// No downgrades: binds a policy with <see cref="ImagePolicy.BindsReferenceTag"/> to the tag the image reference names
/// beside its digest. Each keyless signer must then carry Fulcio's Source Repository Ref extension
/// (1.3.6.1.4.1.57264.1.14, from the run's OIDC <c>ref</c> claim) equal to <c>refs/tags/TAG</c>. For the image
/// signature and the SBOM that is the release workflow's own ref; for SLSA provenance, signed by the generator's
/// reusable workflow, it is the ref of the release run that called it, the provenance's source ref.
/// </summary>
public static class ReferenceTagBinding
{
    /// <param name="tag">The reference's tag when it also has a digest; null when it names no tag.</param>
    public static Failure? TryBind(ImagePolicy policy, string? tag, out ImagePolicy bound)
    {
        ArgumentNullException.ThrowIfNull(policy);
        bound = policy;
        if (!policy.BindsReferenceTag || tag is null)
        {
            return null;
        }
        var expected = "refs/tags/" + tag;
        var requirements = (policy.Signature is null ? [] : new[] { policy.Signature.Signers }).Concat(policy.Attestations.Select(a => a.Signers));
        foreach (var matcher in requirements.SelectMany(s => s.Identities))
        {
            if (matcher.Extensions.TryGetValue(FulcioOids.SourceRepositoryRef, out var pinned) && pinned != expected)
            {
                return new Failure(PolicyReasons.Invalid,
                    $"the policy requires sourceRepositoryRef \"{pinned}\", but the image reference names the tag \"{tag}\": one of them is wrong");
            }
        }
        bound = policy with
        {
            Signature = policy.Signature is null ? null : policy.Signature with { Signers = Bind(policy.Signature.Signers, expected) },
            Attestations = policy.Attestations.Select(a => a with { Signers = Bind(a.Signers, expected) }).ToList(),
        };
        return null;
    }

    private static SignerSet Bind(SignerSet signers, string expectedRef) => signers with
    {
        Identities = signers.Identities
            .Select(m => m with { Extensions = new Dictionary<string, string>(m.Extensions) { [FulcioOids.SourceRepositoryRef] = expectedRef } })
            .ToList(),
    };
}
