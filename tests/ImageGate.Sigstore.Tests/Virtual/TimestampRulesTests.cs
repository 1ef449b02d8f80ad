using System.Text.Json.Nodes;
using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Sigstore.Tests.Virtual;

/// <summary>§4.3 RFC 3161 timestamps, required explicitly or by Rekor v2 entries.</summary>
public sealed class TimestampRulesTests : VirtualTestBase
{
    private static readonly VerifierOptions Signed = new() { RequireSignedTimestamps = true };

    private VirtualBundle Timestamped(SignOptions? o = null) => Sigstore.SignDsse(Statement, o ?? new SignOptions { IncludeTimestamp = true });

    [Fact]
    public void Timestamp_verifies_and_yields_its_time()
    {
        var bundle = Timestamped();
        var result = Verify(bundle, options: Signed);
        AssertVerified(result);
        Assert.Contains(result.Timestamps, t => t.Source == TimestampSource.TimestampAuthority && t.Time == bundle.SignedAt);
    }

    [Fact]
    public void Timestamp_without_embedded_certificate_verifies_with_the_trusted_leaf() =>
        AssertVerified(Verify(Timestamped(new SignOptions { IncludeTimestamp = true, EmbedTsaCertificate = false }), options: Signed));

    [Fact]
    public void Timestamp_over_other_bytes_is_refused() =>
        AssertFails(ReasonCodes.TimestampThresholdNotMet, Verify(Timestamped(new SignOptions { IncludeTimestamp = true, TimestampedBytes = "other"u8.ToArray() }), options: Signed));

    [Fact]
    public void Timestamp_before_the_tsa_validity_is_refused() =>
        AssertFails(ReasonCodes.TimestampThresholdNotMet, Verify(Timestamped(), new TrustedRootOptions { TsaValidFor = new Window(Sigstore.Created.AddSeconds(1)) }, options: Signed));

    [Fact]
    public void Timestamp_after_the_tsa_validity_is_refused() =>
        AssertFails(ReasonCodes.TimestampThresholdNotMet, Verify(Timestamped(),
            new TrustedRootOptions { TsaValidFor = new Window(Sigstore.Created.AddDays(-1), Sigstore.Created.AddSeconds(-1)) }, options: Signed));

    [Fact]
    public void Tsa_validity_is_inclusive_at_both_ends() =>
        AssertVerified(Verify(Timestamped(), new TrustedRootOptions { TsaValidFor = new Window(Sigstore.Created, Sigstore.Created) }, options: Signed));

    [Fact]
    public void Timestamp_from_an_untrusted_tsa_is_refused()
    {
        using var rogue = new VirtualSigstore(name: "rogue");
        AssertFails(ReasonCodes.TimestampThresholdNotMet, Verify(Timestamped(new SignOptions { IncludeTimestamp = true, Tsa = rogue.Tsa }), options: Signed));
    }

    [Fact]
    public void Timestamp_from_an_untrusted_tsa_without_embedded_certificate_is_refused()
    {
        using var rogue = new VirtualSigstore(name: "rogue");
        AssertFails(ReasonCodes.TimestampThresholdNotMet,
            Verify(Timestamped(new SignOptions { IncludeTimestamp = true, Tsa = rogue.Tsa, EmbedTsaCertificate = false }), options: Signed));
    }

    [Fact]
    public void Trust_root_without_tsa_refuses_required_timestamps() =>
        AssertFails(ReasonCodes.TimestampThresholdNotMet, Verify(Timestamped(), new TrustedRootOptions { IncludeTsa = false }, options: Signed));

    [Fact]
    public void Timestamp_outside_the_leaf_validity_fails_the_chain()
    {
        var bundle = Timestamped(new SignOptions { IncludeTimestamp = true, IncludeSet = false, TimestampOffset = TimeSpan.FromMinutes(11) });
        Clock.Advance(TimeSpan.FromMinutes(11));
        AssertFails(ReasonCodes.CertificateUntrustedChain, Verify(bundle, options: Signed));
    }

    [Fact]
    public void Timestamp_in_the_future_is_refused() =>
        AssertFails(ReasonCodes.NoVerifiedTime,
            Verify(Timestamped(new SignOptions { IncludeTimestamp = true, TimestampOffset = TimeSpan.FromMinutes(6) }), options: Signed));

    [Fact]
    public void Rekor_v2_without_timestamp_is_refused() =>
        AssertFails(ReasonCodes.TimestampThresholdNotMet, Verify(Sigstore.SignDsse(Statement, new SignOptions { Kind = RekorKind.HashedRekordV002 })));

    [Fact]
    public void Rekor_v2_with_timestamp_verifies_with_witness_lines_first()
    {
        Sigstore.RekorV2.WitnessesFirst = true;
        AssertVerified(Verify(Sigstore.SignDsse(Statement, new SignOptions { Kind = RekorKind.HashedRekordV002, IncludeTimestamp = true })));
    }

    [Fact]
    public void Thirty_three_timestamps_exceed_the_limit()
    {
        var bundle = Timestamped();
        var timestamps = Timestamps(bundle);
        for (int i = 1; i < 33; i++)
        {
            // Distinct tokens (the TSA numbers each one) from the same TSA: each verifies, the TSA counts once.
            timestamps.Add((JsonNode)new JsonObject { ["signedTimestamp"] = Convert.ToBase64String(Sigstore.Tsa.Timestamp(bundle.Signature, bundle.SignedAt)) });
        }
        AssertFails(ReasonCodes.BundleLimitExceeded, Verify(bundle, options: Signed));
        timestamps.RemoveAt(32);
        var result = Verify(bundle, options: Signed);
        AssertVerified(result);
        Assert.Single(result.Timestamps, t => t.Source == TimestampSource.TimestampAuthority);
    }

    /// <summary>As sigstore-python refuses it ("duplicate timestamp found"): one token twice can only mean to count twice.</summary>
    [Fact]
    public void A_token_given_twice_is_refused()
    {
        var bundle = Timestamped();
        var timestamps = Timestamps(bundle);
        timestamps.Add((JsonNode)new JsonObject { ["signedTimestamp"] = Convert.ToBase64String(Sigstore.Tsa.Timestamp(bundle.Signature, bundle.SignedAt)) });
        timestamps.Add(timestamps[0]!.DeepClone());

        var result = Verify(bundle);

        AssertFails(ReasonCodes.TimestampRepeated, result);
        Assert.Contains("rfc3161Timestamps[2]", result.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("rfc3161Timestamps[0]", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_token_is_refused_even_when_it_does_not_verify()
    {
        var bundle = Timestamped(new SignOptions { IncludeTimestamp = true, TimestampedBytes = "other"u8.ToArray() });
        var timestamps = Timestamps(bundle);
        timestamps.Add(timestamps[0]!.DeepClone());

        AssertFails(ReasonCodes.TimestampRepeated, Verify(bundle));
    }

    [Fact]
    public void Tokens_from_two_trusted_tsas_each_count()
    {
        using var second = new VirtualSigstore(Sigstore.Clock, "second");
        var bundle = Timestamped();
        Timestamps(bundle).Add((JsonNode)new JsonObject { ["signedTimestamp"] = Convert.ToBase64String(second.Tsa.Timestamp(bundle.Signature, bundle.SignedAt)) });

        var result = Verify(bundle, new TrustedRootOptions { AlsoTrust = [second] }, options: Signed);

        AssertVerified(result);
        Assert.Equal(2, result.Timestamps.Count(t => t.Source == TimestampSource.TimestampAuthority));
    }

    private static JsonArray Timestamps(VirtualBundle bundle) =>
        bundle.VerificationMaterial["timestampVerificationData"]!["rfc3161Timestamps"]!.AsArray();

    [Fact]
    public void Timestamp_with_a_sha384_imprint_verifies() =>
        AssertVerified(Verify(Timestamped(new SignOptions { IncludeTimestamp = true, TimestampHash = System.Security.Cryptography.HashAlgorithmName.SHA384 }), options: Signed));

    [Fact]
    public void Timestamp_with_a_sha1_imprint_is_refused() =>
        AssertFails(ReasonCodes.TimestampThresholdNotMet,
            Verify(Timestamped(new SignOptions { IncludeTimestamp = true, TimestampHash = System.Security.Cryptography.HashAlgorithmName.SHA1 }), options: Signed));
}
