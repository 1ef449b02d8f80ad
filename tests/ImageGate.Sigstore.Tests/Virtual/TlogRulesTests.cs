using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Sigstore.Tests.Virtual;

/// <summary>§4.2 through the verifier: SETs, inclusion proofs, checkpoints. Each negative changes one thing.</summary>
public sealed class TlogRulesTests : VirtualTestBase
{
    private static string Int(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static long Long(JsonNode? n) => long.Parse(n!.GetValue<string>(), CultureInfo.InvariantCulture);

    // v0.1 bundles carry only the SET, so SET tampering is not masked by the proof.
    private VirtualBundle SetOnly() => Sigstore.SignDsse(Statement, new SignOptions { Version = BundleVersion.V01 });

    [Fact]
    public void Set_only_v01_bundle_verifies_and_yields_the_integrated_time()
    {
        var bundle = SetOnly();
        var result = Verify(bundle);
        AssertVerified(result);
        Assert.Contains(result.Timestamps, t => t.Source == TimestampSource.TransparencyLog && t.Time == bundle.SignedAt);
    }

    [Fact]
    public void Set_signature_changed_leaves_no_verified_entry()
    {
        var bundle = SetOnly();
        // A well-formed signature by the log key, over other bytes.
        bundle.TlogEntry["inclusionPromise"]!["signedEntryTimestamp"] = Convert.ToBase64String(Sigstore.Rekor.Key.Sign("other"u8));
        AssertFails(ReasonCodes.TlogSetInvalid, Verify(bundle));
    }

    [Fact]
    public void Set_over_another_body_leaves_no_verified_entry()
    {
        var bundle = SetOnly();
        // Same JSON with one more space: still binds to the bundle, but it is not the body the SET signed.
        string body = Encoding.UTF8.GetString(bundle.Body!) + " ";
        bundle.TlogEntry["canonicalizedBody"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(body));
        AssertFails(ReasonCodes.TlogSetInvalid, Verify(bundle));
    }

    [Fact]
    public void Set_with_integrated_time_changed_leaves_no_verified_entry()
    {
        var bundle = SetOnly();
        bundle.TlogEntry["integratedTime"] = Int(Long(bundle.TlogEntry["integratedTime"]) + 1);
        AssertFails(ReasonCodes.TlogSetInvalid, Verify(bundle));
    }

    [Fact]
    public void Set_with_log_index_changed_leaves_no_verified_entry()
    {
        var bundle = SetOnly();
        bundle.TlogEntry["logIndex"] = Int(Long(bundle.TlogEntry["logIndex"]) + 1);
        AssertFails(ReasonCodes.TlogSetInvalid, Verify(bundle));
    }

    [Fact]
    public void Integrated_time_before_the_log_key_validity_leaves_no_verified_entry() =>
        AssertFails(ReasonCodes.TlogSetInvalid, Verify(SetOnly(), new TrustedRootOptions { RekorValidFor = new Window(Sigstore.Created.AddSeconds(1)) }));

    [Fact]
    public void Integrated_time_after_the_log_key_validity_leaves_no_verified_entry() =>
        AssertFails(ReasonCodes.TlogSetInvalid, Verify(SetOnly(), new TrustedRootOptions { RekorValidFor = new Window(Sigstore.Created.AddDays(-1), Sigstore.Created.AddSeconds(-1)) }));

    [Fact]
    public void Log_key_validity_is_inclusive_at_both_ends() =>
        AssertVerified(Verify(SetOnly(), new TrustedRootOptions { RekorValidFor = new Window(Sigstore.Created, Sigstore.Created) }));

    [Fact]
    public void Trust_root_without_the_log_leaves_no_verified_entry() =>
        AssertFails(ReasonCodes.TlogThresholdNotMet, Verify(Sigstore.SignDsse(Statement), new TrustedRootOptions { IncludeRekor = false }));

    [Fact]
    public void Trust_root_whose_log_has_no_validity_start_is_refused() =>
        AssertFails(ReasonCodes.TrustRootMalformed, Verify(Sigstore.SignDsse(Statement), new TrustedRootOptions { OmitRekorValidForStart = true }));

    [Fact]
    public void Entry_with_neither_proof_nor_promise_is_refused_as_malformed() =>
        AssertFails(ReasonCodes.BundleMalformed, Verify(Sigstore.SignDsse(Statement, new SignOptions { Version = BundleVersion.V03, IncludeSet = false, IncludeInclusionProof = false })));

    [Fact]
    public void Proof_only_entry_verifies_as_inclusion_but_gives_no_trusted_time() =>
        AssertFails(ReasonCodes.NoVerifiedTime, Verify(Sigstore.SignDsse(Statement, new SignOptions { IncludeSet = false })));

    [Fact]
    public void Proof_only_entry_with_a_timestamp_verifies() =>
        AssertVerified(Verify(Sigstore.SignDsse(Statement, new SignOptions { IncludeSet = false, IncludeTimestamp = true }),
            options: new VerifierOptions { RequireSignedTimestamps = true }));

    [Fact]
    public void Duplicate_entry_is_refused()
    {
        var bundle = Sigstore.SignDsse(Statement);
        bundle.VerificationMaterial["tlogEntries"]!.AsArray().Add((JsonNode)bundle.TlogEntry.DeepClone());
        AssertFails(ReasonCodes.TlogDuplicateEntry, Verify(bundle));
    }

    [Fact]
    public void Proof_with_several_hashes_verifies_after_many_earlier_entries()
    {
        for (int i = 0; i < 20; i++)
        {
            Sigstore.SignMessage(Artifact);
        }
        var bundle = Sigstore.SignDsse(Statement);
        Assert.True(bundle.Proof!.Hashes.Count >= 5);
        AssertVerified(Verify(bundle));
    }

    [Fact]
    public void Proof_hash_changed_is_refused()
    {
        var bundle = Sigstore.SignDsse(Statement);
        var hashes = bundle.InclusionProof["hashes"]!.AsArray();
        byte[] h = Convert.FromBase64String(hashes[1]!.GetValue<string>());
        h[0] ^= 1;
        hashes[1] = Convert.ToBase64String(h);
        AssertFails(ReasonCodes.TlogInclusionProofInvalid, Verify(bundle));
    }

    [Fact]
    public void Proof_root_changed_is_refused()
    {
        var bundle = Sigstore.SignDsse(Statement);
        bundle.InclusionProof["rootHash"] = Convert.ToBase64String(new byte[32]);
        AssertFails(ReasonCodes.TlogInclusionProofInvalid, Verify(bundle));
    }

    [Fact]
    public void Proof_index_changed_is_refused()
    {
        var bundle = Sigstore.SignDsse(Statement);
        bundle.InclusionProof["logIndex"] = Int(Long(bundle.InclusionProof["logIndex"]) - 1);
        AssertFails(ReasonCodes.TlogInclusionProofInvalid, Verify(bundle));
    }

    [Fact]
    public void Proof_tree_size_changed_is_refused()
    {
        var bundle = Sigstore.SignDsse(Statement);
        bundle.InclusionProof["treeSize"] = Int(Long(bundle.InclusionProof["treeSize"]) + 5);
        AssertFails(ReasonCodes.TlogInclusionProofInvalid, Verify(bundle));
    }

    [Fact]
    public void Checkpoint_signature_changed_is_refused()
    {
        var bundle = Sigstore.SignDsse(Statement);
        string checkpoint = bundle.Proof!.Checkpoint;
        string text = checkpoint[..(checkpoint.LastIndexOf("\n\n", StringComparison.Ordinal) + 1)];
        bundle.InclusionProof["checkpoint"]!["envelope"] = SignedNote.Assemble(text,
            [SignedNote.SignatureLine(Sigstore.Rekor.Origin, Sigstore.Rekor.LogId, Sigstore.Rekor.Key.Sign("other"u8))]);
        AssertFails(ReasonCodes.TlogCheckpointInvalid, Verify(bundle));
    }

    [Fact]
    public void Checkpoint_key_hint_changed_is_refused()
    {
        var bundle = Sigstore.SignDsse(Statement);
        string checkpoint = bundle.Proof!.Checkpoint;
        string text = checkpoint[..(checkpoint.LastIndexOf("\n\n", StringComparison.Ordinal) + 1)];
        bundle.InclusionProof["checkpoint"]!["envelope"] = SignedNote.Assemble(text,
            [SignedNote.SignatureLine(Sigstore.Rekor.Origin, [0xde, 0xad, 0xbe, 0xef], Sigstore.Rekor.Key.Sign(Encoding.UTF8.GetBytes(text)))]);
        AssertFails(ReasonCodes.TlogCheckpointInvalid, Verify(bundle));
    }

    [Fact]
    public void Checkpoint_signing_another_root_is_refused()
    {
        var bundle = Sigstore.SignDsse(Statement);
        bundle.InclusionProof["checkpoint"]!["envelope"] = Sigstore.Rekor.Checkpoint(bundle.Proof!.TreeSize, new byte[32]);
        AssertFails(ReasonCodes.TlogCheckpointInvalid, Verify(bundle));
    }

    [Fact]
    public void Checkpoint_with_its_origin_line_changed_is_refused()
    {
        var bundle = Sigstore.SignDsse(Statement);
        bundle.InclusionProof["checkpoint"]!["envelope"] = bundle.Proof!.Checkpoint.Replace($"- {Sigstore.Rekor.TreeId}", "- 1", StringComparison.Ordinal);
        AssertFails(ReasonCodes.TlogCheckpointInvalid, Verify(bundle));
    }

    [Fact]
    public void Kind_version_that_is_not_the_body_kind_is_refused()
    {
        var bundle = Sigstore.SignDsse(Statement);
        bundle.TlogEntry["kindVersion"]!["kind"] = "intoto";
        AssertFails(ReasonCodes.TlogBodyMismatch, Verify(bundle));
    }

    [Fact]
    public void Thirty_two_entries_parse_and_thirty_three_exceed_the_limit()
    {
        var bundle = Sigstore.SignDsse(Statement);
        var entries = bundle.VerificationMaterial["tlogEntries"]!.AsArray();
        for (int i = 1; i < 33; i++)
        {
            var copy = bundle.TlogEntry.DeepClone().AsObject();
            copy["logIndex"] = Int(Long(copy["logIndex"]) + (i * 1000));
            entries.Add((JsonNode)copy);
        }
        AssertFails(ReasonCodes.BundleLimitExceeded, Verify(bundle));
        entries.RemoveAt(32);
        Assert.NotEqual(ReasonCodes.BundleLimitExceeded, Verify(bundle).Failure?.Code);
    }

    [Fact]
    public void Rekor_v1_checkpoint_with_an_extra_signature_line_is_refused()
    {
        // rekor's SignedNote.Verify refuses a v1 checkpoint when any signature line has another key hint.
        var bundle = Sigstore.SignDsse(Statement);
        bundle.InclusionProof["checkpoint"]!["envelope"] = bundle.Proof!.Checkpoint +
            SignedNote.SignatureLine("witness.virtual.test", [9, 9, 9, 9], new byte[72]);
        AssertFails(ReasonCodes.TlogCheckpointInvalid, Verify(bundle));
    }

    [Fact]
    public void Entry_from_an_unknown_log_next_to_a_trusted_one_is_skipped()
    {
        using var rogue = new VirtualSigstore(name: "rogue");
        var bundle = Sigstore.SignDsse(Statement);
        var logged = rogue.Rekor.Append(bundle.Body!, bundle.RekorEntry!.IntegratedTime);
        var proof = rogue.Rekor.Prove(logged.ShardIndex);
        var copy = bundle.TlogEntry.DeepClone().AsObject();
        copy["logIndex"] = Int(logged.GlobalIndex);
        copy["logId"]!["keyId"] = Convert.ToBase64String(rogue.Rekor.LogId);
        copy["inclusionPromise"]!["signedEntryTimestamp"] = Convert.ToBase64String(logged.SignedEntryTimestamp);
        copy["inclusionProof"] = new JsonObject
        {
            ["logIndex"] = Int(proof.LogIndex),
            ["rootHash"] = Convert.ToBase64String(proof.RootHash),
            ["treeSize"] = Int(proof.TreeSize),
            ["hashes"] = new JsonArray(proof.Hashes.Select(h => (JsonNode)JsonValue.Create(Convert.ToBase64String(h))).ToArray()),
            ["checkpoint"] = new JsonObject { ["envelope"] = proof.Checkpoint },
        };
        bundle.VerificationMaterial["tlogEntries"]!.AsArray().Insert(0, copy);
        var result = Verify(bundle);
        AssertVerified(result);
        Assert.Single(result.LogEntries);
        // ...and it verifies on its own once its log is trusted too.
        AssertVerified(Verify(bundle, new TrustedRootOptions { AlsoTrust = [rogue] }));
    }

    [Fact]
    public void Threshold_of_two_logs_is_not_met_by_one() =>
        AssertFails(ReasonCodes.TlogThresholdNotMet, Verify(Sigstore.SignDsse(Statement), options: new VerifierOptions { TlogThreshold = 2 }));

    [Fact]
    public void Threshold_of_two_logs_is_met_by_entries_in_two_trusted_logs()
    {
        using var second = new VirtualSigstore(Sigstore.Clock, "second");
        var bundle = Sigstore.SignDsse(Statement, new SignOptions { AdditionalRekorLogs = [second.Rekor] });
        var root = new TrustedRootOptions { AlsoTrust = [second] };

        var result = Verify(bundle, root, options: new VerifierOptions { TlogThreshold = 2 });

        AssertVerified(result);
        Assert.Equal(2, result.LogEntries.Count);
        AssertFails(ReasonCodes.TlogThresholdNotMet, Verify(bundle, root, options: new VerifierOptions { TlogThreshold = 3 }));
    }

    [Fact]
    public void Two_entries_in_one_log_count_once()
    {
        // The same body logged twice in the same log: two indexes, both proven, but one log vouching.
        var bundle = Sigstore.SignDsse(Statement, new SignOptions { AdditionalRekorLogs = [Sigstore.Rekor] });

        AssertVerified(Verify(bundle));
        var result = Verify(bundle, options: new VerifierOptions { TlogThreshold = 2 });
        AssertFails(ReasonCodes.TlogThresholdNotMet, result);
        Assert.Contains("found 1 among 2 entries", result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bundle_v0_3_entry_without_an_inclusion_proof_is_refused_even_when_not_parsed()
    {
        // The parser refuses it; the walk refuses it too, for bundles built in code (only v0.1 and legacy layers may).
        var signed = Sigstore.SignDsse(Statement, new SignOptions { IncludeInclusionProof = false, Version = BundleVersion.V01 });
        Assert.Null(ImageGate.Sigstore.Bundle.BundleParser.TryParse(signed.ToBytes(), out var v01));
        var v03 = new ImageGate.Sigstore.Bundle.SigstoreBundle
        {
            MediaType = VirtualSigstore.MediaType(BundleVersion.V03),
            MinorVersion = 3,
            Certificate = v01!.Certificate,
            TlogEntries = v01.TlogEntries,
            Rfc3161Timestamps = v01.Rfc3161Timestamps,
            DsseEnvelope = v01.DsseEnvelope,
        };
        Assert.Null(ImageGate.Sigstore.TrustRoot.TrustedRootParser.TryParse(Sigstore.TrustedRootJson(), out var root));

        AssertVerified(new BundleVerifier(root!, null, Sigstore.Clock).Verify(v01, ForArtifact, DefaultIdentity));
        AssertFails(ReasonCodes.TlogMissingProof, new BundleVerifier(root!, null, Sigstore.Clock).Verify(v03, ForArtifact, DefaultIdentity));
    }
}
