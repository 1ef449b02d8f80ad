using System.Security.Cryptography;
using System.Text;
using ImageGate.Sigstore;
using ImageGate.Verification.Provenance;

namespace ImageGate.Verification.Policy;

/// <summary>
/// <c>verify --source-uri ...</c>: slsa-verifier's expectations added to whatever policy was chosen. Every SLSA
/// provenance requirement of the policy gets them; a policy with none gains one whose signer is a trusted SLSA
/// builder, as <c>slsa-verifier verify-image</c> (docs/provenance.md §5). A requirement with its own
/// <c>provenance:</c> block keeps it; the flags may only add to it.
/// </summary>
public static class ProvenanceFlagsBinding
{
    public const string RequirementName = "provenance";

    public static Failure? TryApply(ImagePolicy policy, ProvenanceExpectations expected, out ImagePolicy bound)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(expected);
        bound = policy;
        var attestations = new List<AttestationRequirement>();
        bool applied = false;
        foreach (var requirement in policy.Attestations)
        {
            if (!ProvenanceStatement.IsSlsa(requirement.PredicateType))
            {
                attestations.Add(requirement);
                continue;
            }
            if (requirement.Signers.Keys.Count > 0)
            {
                return Invalid($"the --source flags check a builder's certificate, but the policy's {requirement.Name} requirement accepts keys");
            }
            var merged = expected;
            if (requirement.Provenance is { } block && Merge(block, expected, requirement.Name, out merged) is { } contradiction)
            {
                return contradiction;
            }
            attestations.Add(requirement with { Provenance = merged });
            applied = true;
        }
        if (!applied)
        {
            attestations.Add(new AttestationRequirement
            {
                Name = RequirementName,
                PredicateType = ProvenanceStatement.SlsaV02,
                Signers = SignerSet.AnyGitHubWorkflow,
                Provenance = expected,
            });
        }
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(policy.Digest + "\0" + expected.Canonical()));
        bound = policy with { Attestations = attestations, Digest = "sha256:" + Convert.ToHexStringLower(digest) };
        return null;
    }

    /// <summary>
    /// The policy's block and the flags together: a flag may add a check the block leaves out, never replace one
    /// the block makes (that would be a contradiction, refused rather than guessed).
    /// </summary>
    private static Failure? Merge(ProvenanceExpectations block, ProvenanceExpectations flags, string name, out ProvenanceExpectations merged)
    {
        merged = block;
        string? conflict = null;
        string? Pick(string? fromBlock, string? fromFlags, string flag)
        {
            if (fromBlock is not null && fromFlags is not null && fromBlock != fromFlags)
            {
                conflict ??= $"{flag} \"{fromFlags}\" contradicts the provenance block of the policy's \"{name}\" requirement, which says \"{fromBlock}\"";
            }
            return fromBlock ?? fromFlags;
        }
        merged = new ProvenanceExpectations(Pick(block.SourceUri, flags.SourceUri, "--source-uri")!)
        {
            Branch = Pick(block.Branch, flags.Branch, "--source-branch"),
            Tag = Pick(block.Tag, flags.Tag, "--source-tag"),
            VersionedTag = Pick(block.VersionedTag, flags.VersionedTag, "--source-versioned-tag"),
            BuilderId = Pick(block.BuilderId, flags.BuilderId, "--builder-id"),
        };
        conflict ??= merged.Validate();
        return conflict is null ? null : Invalid(conflict);
    }

    private static Failure Invalid(string message) => new(PolicyReasons.Invalid, message);
}
