using System.Text.Json.Nodes;
using ImageGate.Sigstore.Tuf;
using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Sigstore.Tests.Tuf;

/// <summary>
/// The offline TUF check on Sigstore's real public-good metadata (docs/trust-root.md §2): the genuine set and its
/// trusted_root.json pass; each tampered, substituted, rolled-back or missing input is refused with its reason code.
/// </summary>
public sealed class PublicGoodTufTests
{
    /// <summary>Root v12 carries exactly 3 valid signatures, its threshold (by these keys, under roots 11 and 12).</summary>
    private const string Root12Signer = "e71a54d543835ba86adad9460379c7641fb8726d164ea766801a1c522aba7ea2";
    private const string Root12OtherSigner = "61643838125b440b40db6942f5cb5a31c0dc04368316eb2aaa58b95904a58222";

    private static TufVerification Check(MemoryTufFiles files, byte[]? trustRoot = null, DateTimeOffset? at = null, bool requireFresh = false) =>
        new TufVerifier(new VirtualClock(at ?? PublicGoodMetadata.Fresh))
            .Verify(PublicGoodMetadata.PinnedRoot, files, trustRoot ?? PublicGoodMetadata.TrustedRoot, requireFresh, TestContext.Current.CancellationToken);

    private static void AssertRefused(TufVerification result, string code, string inMessage)
    {
        Assert.False(result.Verified);
        Assert.True(result.Failure!.Code == code, result.Failure.ToString());
        Assert.Contains(inMessage, result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_genuine_metadata_publishes_the_genuine_trusted_root()
    {
        var files = PublicGoodMetadata.Files();
        var result = Check(files);
        Assert.True(result.Verified, result.Failure?.ToString());
        Assert.Equal((7L, 15L, 762L, 165L, 14L), (result.PinnedRootVersion, result.RootVersion, result.TimestampVersion, result.SnapshotVersion, result.TargetsVersion));
        Assert.Empty(result.Expired);
        // Consistent snapshots: the versioned names are read, and the walk stopped at the first missing root.
        Assert.Equal(["8.root.json", "9.root.json", "10.root.json", "11.root.json", "12.root.json", "13.root.json", "14.root.json", "15.root.json", "16.root.json",
            "timestamp.json", "165.snapshot.json", "14.targets.json"], files.Read);
    }

    [Fact]
    public void Expired_metadata_is_reported_by_default_and_refused_when_fresh_metadata_is_required()
    {
        var lenient = Check(PublicGoodMetadata.Files(), at: PublicGoodMetadata.Stale);
        Assert.True(lenient.Verified, lenient.Failure?.ToString());
        Assert.Equal(["15.root.json (root v15) expired at 2026-11-20T13:58:18Z", "timestamp.json (timestamp v762) expired at 2026-08-28T19:25:56Z"], lenient.Expired);

        var strict = Check(PublicGoodMetadata.Files(), at: PublicGoodMetadata.Stale, requireFresh: true);
        AssertRefused(strict, TufReasons.Expired, "15.root.json (root v15) expired at 2026-11-20T13:58:18Z");
    }

    [Fact]
    public void With_only_the_timestamp_expired_fresh_metadata_fails_on_the_timestamp()
    {
        var result = Check(PublicGoodMetadata.Files(), at: new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero), requireFresh: true);
        AssertRefused(result, TufReasons.Expired, "timestamp.json (timestamp v762) expired at 2026-08-28T19:25:56Z");
    }

    [Fact]
    public void A_trusted_root_with_one_byte_changed_is_not_the_published_one()
    {
        var tampered = PublicGoodMetadata.TrustedRoot;
        int at = Array.IndexOf(tampered, (byte)'Z');
        tampered[at] = (byte)'Y';
        var result = Check(PublicGoodMetadata.Files(), tampered);
        AssertRefused(result, TufReasons.TargetMismatch, "found sha256 ");
        Assert.Contains("6787 bytes, sha256 6494e21ea73fa7ee769f85f57d5a3e6a08725eae1e38c755fc3517c9e6bc0b66", result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trusted_root_one_byte_longer_is_not_the_published_one()
    {
        var result = Check(PublicGoodMetadata.Files(), [.. PublicGoodMetadata.TrustedRoot, (byte)'\n']);
        AssertRefused(result, TufReasons.TargetMismatch, "found 6788 bytes");
    }

    [Fact]
    public void The_staging_trust_root_substituted_for_production_is_refused()
    {
        var staging = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "trusted-roots", "staging.trusted_root.json"));
        AssertRefused(Check(PublicGoodMetadata.Files(), staging), TufReasons.TargetMismatch, "it is not the one published");
    }

    [Fact]
    public void A_root_with_a_flipped_signature_falls_below_its_threshold()
    {
        var files = PublicGoodMetadata.Files();
        PublicGoodMetadata.Edit(files, "12.root.json", root =>
        {
            var signature = PublicGoodMetadata.Signature(root, Root12Signer);
            var hex = (string)signature["sig"]!;
            signature["sig"] = hex[..^1] + (hex[^1] == '0' ? '1' : '0');
        });
        var result = Check(files);
        AssertRefused(result, TufReasons.ThresholdNotMet, "expected 12.root.json (root v12) to be signed by 3 of the 5 root key(s) of 11.root.json (root v11)");
        Assert.Contains("found 2 valid signature(s)", result.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(11, result.RootVersion);
    }

    [Fact]
    public void A_root_with_a_signature_dropped_below_its_threshold_is_refused()
    {
        var files = PublicGoodMetadata.Files();
        PublicGoodMetadata.Edit(files, "12.root.json", root => root["signatures"]!.AsArray().Remove(PublicGoodMetadata.Signature(root, Root12OtherSigner)));
        AssertRefused(Check(files), TufReasons.ThresholdNotMet, "found 2 valid signature(s)");
    }

    [Fact]
    public void A_signature_repeated_under_its_key_id_counts_once()
    {
        var files = PublicGoodMetadata.Files();
        PublicGoodMetadata.Edit(files, "12.root.json", root =>
        {
            var signatures = root["signatures"]!.AsArray();
            signatures.Remove(PublicGoodMetadata.Signature(root, Root12OtherSigner));
            signatures.Add(PublicGoodMetadata.Signature(root, Root12Signer).DeepClone());
        });
        AssertRefused(Check(files), TufReasons.ThresholdNotMet, "found 2 valid signature(s)");
    }

    [Fact]
    public void A_changed_root_no_longer_matches_its_signatures()
    {
        var files = PublicGoodMetadata.Files();
        PublicGoodMetadata.Edit(files, "15.root.json", root => root["signed"]!["roles"]!["timestamp"]!["threshold"] = 2);
        AssertRefused(Check(files), TufReasons.ThresholdNotMet, "expected 15.root.json (root v15) to be signed by 3 of the 5 root key(s) of 14.root.json (root v14); found 0");
    }

    [Fact]
    public void A_timestamp_with_a_flipped_signature_is_refused()
    {
        var files = PublicGoodMetadata.Files();
        PublicGoodMetadata.Edit(files, "timestamp.json", timestamp =>
        {
            var signature = timestamp["signatures"]![0]!;
            var hex = (string)signature["sig"]!;
            signature["sig"] = hex[..^2] + (hex[^2..] == "00" ? "01" : "00");
        });
        AssertRefused(Check(files), TufReasons.ThresholdNotMet, "expected timestamp.json (timestamp v762) to be signed by 1 of the 1 timestamp key(s) of 15.root.json (root v15)");
    }

    [Fact]
    public void A_replayed_root_under_the_next_version_is_a_rollback()
    {
        var files = PublicGoodMetadata.Files();
        files.Files["16.root.json"] = files.Files["15.root.json"];
        var result = Check(files);
        AssertRefused(result, TufReasons.VersionMismatch, "expected 16.root.json to hold root version 16 (the trusted root is v15); found version 15, a rollback");
    }

    [Fact]
    public void An_older_genuine_snapshot_in_place_of_the_listed_one_is_a_rollback()
    {
        var files = PublicGoodMetadata.Files();
        files.Files["165.snapshot.json"] = PublicGoodMetadata.Older("164.snapshot.json");
        AssertRefused(Check(files), TufReasons.VersionMismatch, "expected 165.snapshot.json to hold snapshot version 165, as timestamp.json (timestamp v762) lists; found version 164, a rollback");
    }

    [Fact]
    public void An_older_genuine_targets_in_place_of_the_listed_one_is_a_rollback()
    {
        var files = PublicGoodMetadata.Files();
        files.Files["14.targets.json"] = PublicGoodMetadata.Older("13.targets.json");
        AssertRefused(Check(files), TufReasons.VersionMismatch, "expected 14.targets.json to hold targets version 14, as 165.snapshot.json (snapshot v165) lists; found version 13");
    }

    [Fact]
    public void A_snapshot_that_lists_another_targets_version_fails_its_signature_first()
    {
        var files = PublicGoodMetadata.Files();
        PublicGoodMetadata.Edit(files, "165.snapshot.json", snapshot => snapshot["signed"]!["meta"]!["targets.json"]!["version"] = 13);
        AssertRefused(Check(files), TufReasons.ThresholdNotMet, "165.snapshot.json (snapshot v165)");
    }

    [Theory]
    [InlineData("timestamp.json", "expected timestamp.json in the metadata directory")]
    [InlineData("165.snapshot.json", "expected 165.snapshot.json or snapshot.json (snapshot v165, as timestamp.json (timestamp v762) lists)")]
    [InlineData("14.targets.json", "expected 14.targets.json or targets.json (targets v14, as 165.snapshot.json (snapshot v165) lists)")]
    public void A_missing_file_is_named(string name, string message)
    {
        var files = PublicGoodMetadata.Files();
        files.Files.Remove(name);
        AssertRefused(Check(files), TufReasons.Missing, message);
    }

    [Fact]
    public void The_unversioned_name_of_a_consistent_snapshot_is_read_when_the_versioned_one_is_absent()
    {
        var files = PublicGoodMetadata.Files();
        files.Files["snapshot.json"] = files.Files["165.snapshot.json"];
        files.Files.Remove("165.snapshot.json");
        var result = Check(files);
        Assert.True(result.Verified, result.Failure?.ToString());
        Assert.Contains("snapshot.json", files.Read);
    }

    [Fact]
    public void A_gap_in_the_root_chain_leaves_a_root_whose_keys_did_not_sign_the_timestamp()
    {
        var files = PublicGoodMetadata.Files();
        files.Files.Remove("10.root.json");
        var result = Check(files);
        AssertRefused(result, TufReasons.ThresholdNotMet, "of 9.root.json (root v9)");
        Assert.Equal(9, result.RootVersion);
    }

    [Fact]
    public void Without_the_newest_roots_the_older_root_still_verifies_and_its_expiry_shows()
    {
        // TUF cannot know of roots it is not shown: root v12's keys still sign this timestamp, snapshot and targets.
        var files = PublicGoodMetadata.Files();
        files.Files.Remove("13.root.json");
        var result = Check(files);
        Assert.True(result.Verified, result.Failure?.ToString());
        Assert.Equal(12, result.RootVersion);
        Assert.Equal(["12.root.json (root v12) expired at 2025-08-19T14:33:09Z"], result.Expired);
        AssertRefused(Check(files, requireFresh: true), TufReasons.Expired, "12.root.json (root v12) expired");
    }

    [Fact]
    public void Another_role_in_place_of_a_root_is_malformed()
    {
        var files = PublicGoodMetadata.Files();
        files.Files["8.root.json"] = files.Files["timestamp.json"];
        AssertRefused(Check(files), TufReasons.Malformed, "8.root.json: expected root metadata, found signed._type \"timestamp\"");
    }

    [Fact]
    public void A_file_that_is_not_json_is_malformed()
    {
        var files = PublicGoodMetadata.Files();
        files.Files["timestamp.json"] = "not json"u8.ToArray();
        AssertRefused(Check(files), TufReasons.Malformed, "timestamp.json: not canonicalisable JSON");
    }

    [Fact]
    public void A_duplicate_key_is_refused_rather_than_read_one_way()
    {
        var files = PublicGoodMetadata.Files();
        var text = System.Text.Encoding.UTF8.GetString(files.Files["timestamp.json"]);
        files.Files["timestamp.json"] = System.Text.Encoding.UTF8.GetBytes(text.Replace("\"version\": 762", "\"version\": 762, \"version\": 763", StringComparison.Ordinal));
        AssertRefused(Check(files), TufReasons.Malformed, "timestamp.json");
    }

    [Fact]
    public void A_file_over_the_cap_is_refused()
    {
        var files = PublicGoodMetadata.Files();
        files.Files["timestamp.json"] = new byte[TufLimits.MaxMetadataBytes + 1];
        AssertRefused(Check(files), TufReasons.LimitExceeded, "timestamp.json");
    }

    [Fact]
    public void The_pinned_root_is_the_root_sigstore_published_as_version_7()
    {
        var root = JsonNode.Parse(PublicGoodMetadata.PinnedRoot)!;
        Assert.Equal(7, (int)root["signed"]!["version"]!);
        Assert.Equal("2023-10-04T13:08:11Z", (string)root["signed"]!["expires"]!);
    }
}
