using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ImageGate.Sigstore.Tuf;

namespace ImageGate.Sigstore.Tests.Tuf;

/// <summary>
/// The TUF check's rules that Sigstore's real metadata cannot show with valid signatures (docs/trust-root.md §2):
/// parents listing lengths and hashes, thresholds counted by distinct keys, unknown key types ignored, delegations,
/// malformed fields and the limits, each on a repository whose keys the test holds.
/// </summary>
public sealed class SyntheticTufTests
{
    private static void AssertRefused(TufVerification result, string code, string inMessage)
    {
        Assert.True(result.Failure?.Code == code, result.Failure?.ToString() ?? "verified");
        Assert.Contains(inMessage, result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repository_whose_parents_list_lengths_and_hashes_verifies()
    {
        var repo = new TestTufRepository();
        var result = repo.Verify();
        Assert.True(result.Verified, result.Failure?.ToString());
        Assert.Equal((1L, 1L, 1L, 1L), (result.RootVersion, result.TimestampVersion, result.SnapshotVersion, result.TargetsVersion));
    }

    [Fact]
    public void A_snapshot_re_signed_with_other_content_no_longer_matches_the_timestamp()
    {
        var repo = new TestTufRepository();
        repo.Snapshot["x-note"] = "changed after the timestamp was signed";
        repo.Files.Files["1.snapshot.json"] = TestTufRepository.Sign(repo.Snapshot, [repo.SnapshotKey]);
        AssertRefused(repo.Verify(), TufReasons.HashMismatch, "expected 1.snapshot.json to be the snapshot.json that timestamp.json (timestamp v1) lists (");
    }

    [Fact]
    public void A_targets_file_of_another_length_no_longer_matches_the_snapshot()
    {
        var repo = new TestTufRepository();
        repo.Files.Files["1.targets.json"] = [.. repo.Files.Files["1.targets.json"], (byte)' '];
        var result = repo.Verify();
        AssertRefused(result, TufReasons.HashMismatch, "expected 1.targets.json to be the targets.json that 1.snapshot.json (snapshot v1) lists");
        Assert.Contains("bytes", result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sha512_that_differs_is_refused_even_when_sha256_matches()
    {
        var repo = new TestTufRepository();
        repo.Targets["targets"]!["trusted_root.json"]!["hashes"]!["sha512"] = new string('0', 128);
        RepublishFromTargets(repo);
        AssertRefused(repo.Verify(), TufReasons.TargetMismatch, "found sha512 ");
    }

    [Fact]
    public void A_hash_of_an_unknown_algorithm_cannot_be_skipped()
    {
        var repo = new TestTufRepository();
        repo.Timestamp["meta"]!["snapshot.json"]!["hashes"]!["blake3"] = "00";
        repo.Files.Files["timestamp.json"] = TestTufRepository.Sign(repo.Timestamp, [repo.TimestampKey]);
        AssertRefused(repo.Verify(), TufReasons.HashMismatch, "blake3");
    }

    [Fact]
    public void A_target_without_sha256_is_refused()
    {
        var repo = new TestTufRepository();
        var hashes = repo.Targets["targets"]!["trusted_root.json"]!["hashes"]!.AsObject();
        hashes.Remove("sha256");
        RepublishFromTargets(repo);
        AssertRefused(repo.Verify(), TufReasons.TargetMismatch, "to list a sha256 hash for trusted_root.json; it lists ");
    }

    [Fact]
    public void A_targets_file_that_does_not_list_the_trust_root_is_refused()
    {
        var repo = new TestTufRepository();
        repo.Targets["targets"]!.AsObject().Remove("trusted_root.json");
        repo.Targets["targets"]!["signing_config.json"] = new JsonObject { ["length"] = 2, ["hashes"] = new JsonObject { ["sha256"] = new string('a', 64) } };
        RepublishFromTargets(repo);
        AssertRefused(repo.Verify(), TufReasons.TargetMissing, "to list the target trusted_root.json; it lists 1 other target(s)");
    }

    [Fact]
    public void A_trust_root_only_a_delegation_could_list_is_refused_since_delegations_are_not_followed()
    {
        var repo = new TestTufRepository();
        repo.Targets["targets"]!.AsObject().Remove("trusted_root.json");
        repo.Targets["delegations"] = new JsonObject
        {
            ["keys"] = new JsonObject(),
            ["roles"] = new JsonArray(new JsonObject
            {
                ["name"] = "trust-roots", ["keyids"] = new JsonArray(), ["threshold"] = 1, ["terminating"] = true,
                ["paths"] = new JsonArray("trusted_*.json"),
            }),
        };
        RepublishFromTargets(repo);
        AssertRefused(repo.Verify(), TufReasons.TargetMissing, "and delegates to trust-roots, which is not followed");
    }

    [Fact]
    public void A_threshold_of_two_needs_two_distinct_keys()
    {
        var repo = new TestTufRepository();
        repo.Signers["root"] = [repo.RootKeys[0]];
        repo.Publish();
        AssertRefused(repo.Verify(), TufReasons.ThresholdNotMet, "to be signed by 2 of the 3 root key(s) of the pinned root (root v1); found 1");
    }

    [Fact]
    public void One_key_listed_under_two_key_ids_counts_once()
    {
        var repo = new TestTufRepository();
        var twin = "00" + TestTufRepository.KeyId(repo.RootKeys[0])[2..];
        repo.Root["keys"]![twin] = TestTufRepository.KeyJson(repo.RootKeys[0]);
        repo.Root["roles"]!["root"]!["keyids"]!.AsArray().Add(twin);
        repo.Signers["root"] = [repo.RootKeys[0]];
        repo.Publish();
        // A second signature by the same key, filed under the twin id.
        var root = JsonNode.Parse(repo.PinnedRoot)!.AsObject();
        var signature = root["signatures"]![0]!.DeepClone();
        signature["keyid"] = twin;
        root["signatures"]!.AsArray().Add(signature);
        var pinned = System.Text.Encoding.UTF8.GetBytes(root.ToJsonString());
        var result = new TufVerifier(new ImageGate.Testing.VirtualSigstore.VirtualClock(TestTufRepository.Now))
            .Verify(pinned, repo.Files, repo.TrustRoot, false, TestContext.Current.CancellationToken);
        AssertRefused(result, TufReasons.ThresholdNotMet, "found 1 valid signature(s)");
    }

    [Fact]
    public void Signatures_by_keys_outside_the_role_and_keys_of_unknown_types_count_for_nothing()
    {
        var repo = new TestTufRepository();
        repo.Root["keys"]!["ed"] = new JsonObject { ["keytype"] = "ed25519", ["scheme"] = "ed25519", ["keyval"] = new JsonObject { ["public"] = new string('1', 64) } };
        repo.Root["roles"]!["timestamp"] = TestTufRepository.Role(1, repo.TimestampKey);
        repo.Root["roles"]!["timestamp"]!["keyids"]!.AsArray().Insert(0, "ed");
        // The snapshot key is in the key table but not in the timestamp role.
        repo.Signers["timestamp"] = [repo.SnapshotKey];
        repo.Publish();
        AssertRefused(repo.Verify(), TufReasons.ThresholdNotMet, "timestamp.json (timestamp v1) to be signed by 1 of the 2 timestamp key(s)");

        repo.Signers["timestamp"] = [repo.SnapshotKey, repo.TimestampKey];
        repo.Publish();
        Assert.True(repo.Verify().Verified);
    }

    [Fact]
    public void A_rotated_root_must_be_signed_by_the_old_root_keys_and_its_own()
    {
        var repo = new TestTufRepository();
        using var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var v2 = (JsonObject)repo.Root.DeepClone();
        v2["version"] = 2;
        v2["keys"]![TestTufRepository.KeyId(newKey)] = TestTufRepository.KeyJson(newKey);
        v2["roles"]!["root"] = TestTufRepository.Role(1, newKey);

        repo.Files.Files["2.root.json"] = TestTufRepository.Sign(v2, [newKey]);
        AssertRefused(repo.Verify(), TufReasons.ThresholdNotMet, "expected 2.root.json (root v2) to be signed by 2 of the 3 root key(s) of the pinned root (root v1)");

        repo.Files.Files["2.root.json"] = TestTufRepository.Sign(v2, repo.RootKeys[..2]);
        AssertRefused(repo.Verify(), TufReasons.ThresholdNotMet, "expected 2.root.json (root v2) to be signed by 1 of the 1 root key(s) of 2.root.json (root v2)");

        repo.Files.Files["2.root.json"] = TestTufRepository.Sign(v2, [.. repo.RootKeys[..2], newKey]);
        var result = repo.Verify();
        Assert.True(result.Verified, result.Failure?.ToString());
        Assert.Equal(2, result.RootVersion);
    }

    [Fact]
    public void Without_consistent_snapshots_the_plain_names_are_read()
    {
        var repo = new TestTufRepository();
        repo.Root["consistent_snapshot"] = false;
        repo.Publish();
        repo.Files.Files["snapshot.json"] = repo.Files.Files["1.snapshot.json"];
        repo.Files.Files["targets.json"] = repo.Files.Files["1.targets.json"];
        repo.Files.Files.Remove("1.snapshot.json");
        repo.Files.Files.Remove("1.targets.json");
        Assert.True(repo.Verify().Verified);
        Assert.DoesNotContain("1.snapshot.json", repo.Files.Read);
    }

    [Theory]
    [InlineData("threshold", 0, "signed.roles.root.threshold must be from 1 to 256, found 0")]
    [InlineData("spec_version", "2.0", "expected spec_version 1.x (TUF 1.0), found \"2.0\"")]
    [InlineData("expires", "2031-01-01", "signed.expires is not a UTC time YYYY-MM-DDTHH:MM:SSZ")]
    [InlineData("version", -1, "signed.version must be a non-negative integer, found -1")]
    public void A_malformed_root_field_is_named(string field, object value, string message)
    {
        var repo = new TestTufRepository();
        var v2 = (JsonObject)repo.Root.DeepClone();
        v2["version"] = 2;
        JsonNode node = value is int number ? number : (string)value;
        if (field == "threshold")
        {
            v2["roles"]!["root"]!["threshold"] = node;
        }
        else
        {
            v2[field] = node;
        }
        repo.Files.Files["2.root.json"] = TestTufRepository.Sign(v2, repo.RootKeys);
        AssertRefused(repo.Verify(), TufReasons.Malformed, message);
    }

    [Fact]
    public void A_float_anywhere_in_signed_cannot_be_canonicalised()
    {
        // securesystemslib cannot sign it either: the float is added after signing, and canonicalising fails first.
        var repo = new TestTufRepository();
        var timestamp = JsonNode.Parse(repo.Files.Files["timestamp.json"])!;
        timestamp["signed"]!["x-ratio"] = 0.5;
        repo.Files.Files["timestamp.json"] = System.Text.Encoding.UTF8.GetBytes(timestamp.ToJsonString());
        AssertRefused(repo.Verify(), TufReasons.Malformed, "canonical JSON holds integers only; found 0.5");
    }

    [Fact]
    public void A_root_chain_past_the_limit_is_refused()
    {
        var repo = new TestTufRepository();
        var root = (JsonObject)repo.Root.DeepClone();
        for (int version = 2; version <= TufLimits.MaxRootRotations + 2; version++)
        {
            root["version"] = version;
            repo.Files.Files[$"{version}.root.json"] = TestTufRepository.Sign(root, repo.RootKeys[..2]);
        }
        AssertRefused(repo.Verify(), TufReasons.LimitExceeded, $"expected at most {TufLimits.MaxRootRotations} root versions after the pinned v1");
    }

    [Fact]
    public void Expiry_of_each_role_is_checked_in_the_workflow_order()
    {
        var repo = new TestTufRepository();
        repo.Snapshot["expires"] = "2029-06-01T00:00:00Z";
        repo.Targets["expires"] = "2029-01-01T00:00:00Z";
        repo.Publish();
        var lenient = repo.Verify();
        Assert.True(lenient.Verified);
        Assert.Equal(["1.snapshot.json (snapshot v1) expired at 2029-06-01T00:00:00Z", "1.targets.json (targets v1) expired at 2029-01-01T00:00:00Z"], lenient.Expired);
        AssertRefused(repo.Verify(requireFresh: true), TufReasons.Expired, "1.snapshot.json (snapshot v1) expired");
    }

    /// <summary>Re-signs targets as changed, and the snapshot and timestamp over it (the listings of <see cref="TestTufRepository.Publish"/> are kept).</summary>
    private static void RepublishFromTargets(TestTufRepository repo)
    {
        var targets = TestTufRepository.Sign(repo.Targets, [repo.TargetsKey]);
        repo.Files.Files["1.targets.json"] = targets;
        repo.Snapshot["meta"]!["targets.json"] = new JsonObject
        {
            ["version"] = 1,
            ["length"] = targets.Length,
            ["hashes"] = new JsonObject { ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(targets)) },
        };
        var snapshot = TestTufRepository.Sign(repo.Snapshot, [repo.SnapshotKey]);
        repo.Files.Files["1.snapshot.json"] = snapshot;
        repo.Timestamp["meta"]!["snapshot.json"] = new JsonObject { ["version"] = 1, ["length"] = snapshot.Length };
        repo.Files.Files["timestamp.json"] = TestTufRepository.Sign(repo.Timestamp, [repo.TimestampKey]);
    }
}
