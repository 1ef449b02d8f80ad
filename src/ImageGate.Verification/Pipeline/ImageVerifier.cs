using ImageGate.Sigstore;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.TrustRoot;
using ImageGate.Cue;
using ImageGate.Verification.Discovery;
using ImageGate.Verification.Legacy;
using ImageGate.Verification.Policy;
using ImageGate.Verification.Provenance;
using ImageGate.Verification.Report;

namespace ImageGate.Verification.Pipeline;

/// <summary>
/// Decides whether one image digest meets an <see cref="ImagePolicy"/>, from what discovery found. Every artifact
/// is routed by the predicate type of its payload (never by annotations) to the requirements that ask for it, then
/// verified cryptographically with that requirement's signers, then its VERIFIED statement is checked again: the
/// predicate type exactly, the subject (the image digest), and the CUE policy. Every format is consulted; one
/// artifact never hides another. A requirement already met does not verify further candidates.
/// </summary>
public sealed class ImageVerifier(TrustedRoot root, TimeProvider timeProvider)
{
    public VerificationReport Verify(string imageReference, DiscoveryResult discovery, ImagePolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        ArgumentNullException.ThrowIfNull(policy);
        var requirements = Requirements(policy);
        var evidence = new Evidence?[requirements.Count];
        var failures = new Failure?[requirements.Count];
        // The identity each first failure's certificate named (a mismatch says who did sign), for the requirement's span.
        var signers = new string?[requirements.Count];
        var artifacts = new List<ArtifactOutcome>();
        string digest = discovery.Digest.ToString();
        var options = new VerifierOptions { TlogThreshold = policy.TlogThreshold, SctThreshold = policy.SctThreshold, InsecureIgnoreTlog = policy.InsecureIgnoreTlog };

        foreach (var artifact in discovery.Artifacts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var wanted = Enumerable.Range(0, requirements.Count).Where(i => requirements[i].Accepts(artifact)).ToList();
            if (wanted.Count == 0)
            {
                artifacts.Add(Outcome(artifact, "not-required", null, null));
                continue;
            }
            foreach (int i in wanted)
            {
                var requirement = requirements[i];
                if (evidence[i] is not null)
                {
                    artifacts.Add(Outcome(artifact, "not-needed", requirement.Name, null));
                    continue;
                }
                using var activity = VerificationTelemetry.Source.StartActivity("imagegate.verify.artifact");
                activity?.SetTag("imagegate.artifact.digest", artifact.Digest.ToString());
                activity?.SetTag("imagegate.requirement", requirement.Name);
                activity?.SetTag("imagegate.predicate_type", artifact.PredicateType ?? "(simple signing)");
                var failure = VerifyArtifact(artifact, digest, requirement, options, out var found, out var signer, cancellationToken);
                activity?.SetTag("imagegate.signer.identity", signer);
                if (failure is null)
                {
                    evidence[i] = found;
                    activity?.SetTag("imagegate.tlog.index", found!.LogIndex);
                    artifacts.Add(Outcome(artifact, "verified", requirement.Name, null));
                }
                else
                {
                    if (failures[i] is null)
                    {
                        failures[i] = failure;
                        signers[i] = signer;
                    }
                    activity?.SetTag("imagegate.reason", failure.Code);
                    activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, failure.Code);
                    artifacts.Add(Outcome(artifact, "rejected", requirement.Name, failure));
                }
            }
        }

        var outcomes = new List<RequirementOutcome>();
        for (int i = 0; i < requirements.Count; i++)
        {
            var r = requirements[i];
            var outcome = new RequirementOutcome
            {
                Name = r.Name,
                Kind = r.Kind,
                PredicateType = r.PredicateType,
                Signers = r.Signers.ToString(),
                Evidence = evidence[i],
                Failure = evidence[i] is not null ? null : failures[i] ?? Missing(r, discovery),
            };
            VerificationTelemetry.RecordRequirement(outcome, evidence[i]?.Identity ?? signers[i]);
            outcomes.Add(outcome);
        }
        return new VerificationReport
        {
            ImageReference = imageReference,
            Digest = digest,
            MediaType = discovery.MediaType,
            Time = timeProvider.GetUtcNow(),
            TrustRootDigest = root.Sha256,
            PolicyName = policy.Name,
            PolicyDigest = policy.Digest,
            Requirements = outcomes,
            Artifacts = artifacts,
        };
    }

    /// <param name="signerIdentity">The identity the signing certificate names, once its chain verified, whether or not
    /// the policy accepts it (keyless only).</param>
    private Failure? VerifyArtifact(DiscoveredArtifact artifact, string digest, Requirement requirement, VerifierOptions options, out Evidence? evidence,
        out string? signerIdentity, CancellationToken cancellationToken)
    {
        evidence = null;
        VerificationResult? result = null;
        foreach (var signer in requirement.SignerPolicies())
        {
            result = artifact.Format switch
            {
                ArtifactFormat.Bundle => VerifyBundle(artifact, digest, signer, options),
                // The same options: every policy setting means the same for a legacy layer as for a bundle.
                _ => new LegacyLayerVerifier(root, options, timeProvider).Verify(artifact, digest, signer, cancellationToken),
            };
            if (result.IsVerified)
            {
                break;
            }
        }
        signerIdentity = result?.SignerIdentity;
        if (result is not { IsVerified: true })
        {
            return result?.Failure;
        }
        // Route by the verified statement, never by what discovery read before verification.
        string verifiedType = artifact.Format == ArtifactFormat.LegacySignature ? PredicateTypeNames.CosignSign : result.PredicateType ?? string.Empty;
        if (!requirement.AcceptsType(verifiedType))
        {
            return new Failure(PolicyReasons.PredicateTypeMismatch, $"expected predicate type {requirement.PredicateType}; the verified statement has \"{verifiedType}\"");
        }
        if (requirement.Cue is { } cue)
        {
            CueEvaluation evaluation;
            try
            {
                evaluation = cue.Evaluate(result.Statement!.Value, cancellationToken: cancellationToken);
            }
            catch (InvalidOperationException e)
            {
                // A statement the evaluator cannot represent (an unpaired surrogate escape, say) fails closed.
                return new Failure(PolicyReasons.CueUnevaluable, $"the {requirement.Name} statement cannot be evaluated against {requirement.CueSource}: {e.Message}");
            }
            if (!evaluation.IsSatisfied)
            {
                return new Failure(evaluation.Error is null ? PolicyReasons.CueViolation : PolicyReasons.CueUnevaluable,
                    $"the {requirement.Name} statement does not satisfy {requirement.CueSource}: {(evaluation.Error is { } error ? error.ToString() : string.Join("; ", evaluation.Violations))}");
            }
        }
        string? builderId = null;
        if (requirement.Provenance is { } expected && ProvenanceStep.Check(result, digest, expected, out builderId) is { } unproven)
        {
            return unproven;
        }
        var logged = result.LogEntries.FirstOrDefault();
        evidence = new Evidence
        {
            Source = ArtifactNames.Source(artifact.Source),
            Format = ArtifactNames.Format(artifact.Format),
            ArtifactDigest = artifact.Digest.ToString(),
            PredicateType = verifiedType,
            Identity = result.SignerIdentity,
            Issuer = result.SignerIssuer,
            LogIndex = logged?.LogIndex,
            IntegratedTime = result.Timestamps.FirstOrDefault(t => t.Source == TimestampSource.TransparencyLog)?.Time,
            SignedTime = result.Timestamps.FirstOrDefault(t => t.Source == TimestampSource.TimestampAuthority)?.Time,
            Statement = result.Statement,
            Certificate = result.Certificate,
            BuilderId = builderId,
            SourceCommit = builderId is null ? null : WorkflowIdentity.SourceCommit(result.Certificate!),
        };
        return null;
    }

    private VerificationResult VerifyBundle(DiscoveredArtifact artifact, string digest, SignerPolicy signer, VerifierOptions options)
    {
        if (artifact.Bundle is not { } bundle)
        {
            return VerificationResult.Failed(artifact.BundleFailure ?? new Failure(ReasonCodes.BundleMalformed, "bundle: the layer was not parsed"));
        }
        // cosign reads only v0.3 and later bundles from referrers.
        if (bundle.MinorVersion < 3)
        {
            return VerificationResult.Failed(new Failure(ReasonCodes.BundleUnsupportedVersion,
                $"a referrer bundle must be v0.3 or later; found v{BundleMediaType.Name(bundle.MinorVersion)}"));
        }
        var hex = Convert.FromHexString(digest.AsSpan(digest.IndexOf(':') + 1));
        var artifactPolicy = ArtifactPolicy.ForDigest(digest[..digest.IndexOf(':')], hex);
        return new BundleVerifier(root, options, timeProvider).Verify(bundle, artifactPolicy, signer);
    }

    private static Failure Missing(Requirement requirement, DiscoveryResult discovery)
    {
        string skipped = discovery.NotCounted.Count == 0 ? string.Empty
            : $" ({discovery.NotCounted.Count} more not counted: {discovery.NotCountedWhy})";
        return new(PolicyReasons.RequirementMissing, requirement.Kind == RequirementKind.Signature
            ? $"expected an image signature by {requirement.Signers}; found none among {discovery.Artifacts.Count} artifact(s){skipped}"
            : $"expected a {requirement.PredicateType} attestation by {requirement.Signers}; found {Found(discovery)}{skipped}");
    }

    private static string Found(DiscoveryResult discovery)
    {
        var types = discovery.Artifacts.Select(a => a.PredicateType ?? "simple signing").Distinct().ToList();
        return types.Count == 0 ? "no artifacts" : $"only {string.Join(", ", types)}";
    }

    private static ArtifactOutcome Outcome(DiscoveredArtifact artifact, string verdict, string? requirement, Failure? failure) => new()
    {
        Source = ArtifactNames.Source(artifact.Source),
        Format = ArtifactNames.Format(artifact.Format),
        Digest = artifact.Digest.ToString(),
        PredicateType = artifact.PredicateType,
        Verdict = verdict,
        Requirement = requirement,
        Failure = failure,
    };

    private static List<Requirement> Requirements(ImagePolicy policy)
    {
        var list = new List<Requirement>();
        if (policy.Signature is { } s)
        {
            list.Add(new Requirement("signature", RequirementKind.Signature, PredicateTypeNames.CosignSign, s.Signers, null, null, null));
        }
        foreach (var a in policy.Attestations)
        {
            list.Add(new Requirement(a.Name, RequirementKind.Attestation, a.PredicateType, a.Signers, a.Cue, a.CueSource, a.Provenance));
        }
        return list;
    }

    private sealed record Requirement(string Name, RequirementKind Kind, string PredicateType, SignerSet Signers, CuePolicy? Cue, string? CueSource,
        ProvenanceExpectations? Provenance)
    {
        /// <summary>Routing only (the payload is not verified yet): a signature requirement takes legacy .sig
        /// layers and bundles over cosign's sign predicate; an attestation requirement takes its type (with
        /// provenance rules, either SLSA provenance version).</summary>
        public bool Accepts(DiscoveredArtifact artifact) => Kind == RequirementKind.Signature
            ? artifact.IsSignature
            : artifact.Format != ArtifactFormat.LegacySignature && AcceptsType(artifact.PredicateType);

        public bool AcceptsType(string? predicateType) => predicateType == PredicateType
            || (Provenance is not null && ProvenanceStatement.IsSlsa(predicateType));

        public IEnumerable<SignerPolicy> SignerPolicies() => Signers.Keys.Count > 0
            ? Signers.Keys.Select(SignerPolicy.ForKey)
            : [SignerPolicy.ForAnyIdentity(Signers.Identities)];
    }
}
