using System.Text.Json.Nodes;

namespace ImageGate.Sigstore.Tests.Conformance;

/// <summary>
/// The sigstore-conformance bundle-verify suite as a theory: every case in artifact and in digest form.
/// A "_fail" case must be rejected with the reason code <see cref="ExpectedReasons"/> gives it; every other case
/// must verify.
/// </summary>
public sealed class ConformanceSuiteTests
{
    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var name in ConformanceCase.Names)
        {
            data.Add(name, false);
            data.Add(name, true);
        }
        return data;
    }

    [Fact]
    public void The_suite_has_all_seventy_cases() => Assert.Equal(70, ConformanceCase.Names.Count());

    [Fact]
    public void Every_fail_case_has_an_expected_reason_and_every_listed_case_exists()
    {
        var failing = ConformanceCase.Names.Where(name => new ConformanceCase(name).ShouldFail).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(failing.Except(ExpectedReasons.ByCase.Keys).Order(StringComparer.Ordinal));
        Assert.Empty(ExpectedReasons.ByCase.Keys.Except(failing).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_gets_its_upstream_verdict(string name, bool digestForm)
    {
        var testCase = new ConformanceCase(name);
        var failure = testCase.Verify(digestForm);
        if (!testCase.ShouldFail)
        {
            Assert.Null(failure);
            return;
        }
        Assert.NotNull(failure);
        Assert.True(ExpectedReasons.ByCase.TryGetValue(name, out var expected), $"{name} has no expected reason code in ExpectedReasons");
        Assert.True(failure.Code == expected, $"{name}: expected {expected}; got {failure}");
    }

    /// <summary>
    /// rekor2-timestamp-with-incorrect-time_fail is refused for its line-wrapped token before its point is reached;
    /// unwrapped, the token's time lies outside the leaf's validity and the chain check refuses it.
    /// </summary>
    [Fact]
    public void Case_timestamp_outside_certificate_is_refused_by_the_chain_once_its_token_is_unwrapped()
    {
        const string name = "rekor2-timestamp-with-incorrect-time_fail";
        var upstream = new ConformanceCase(name);
        var folder = Directory.CreateTempSubdirectory("conformance-").FullName;
        try
        {
            File.Copy(Path.Combine(upstream.Folder, "trusted_root.json"), Path.Combine(folder, "trusted_root.json"));
            var bundle = JsonNode.Parse(File.ReadAllText(Path.Combine(upstream.Folder, "bundle.sigstore.json")))!;
            var token = bundle["verificationMaterial"]!["timestampVerificationData"]!["rfc3161Timestamps"]![0]!;
            token["signedTimestamp"] = token["signedTimestamp"]!.GetValue<string>().Replace("\n", string.Empty, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder, "bundle.sigstore.json"), bundle.ToJsonString());

            var failure = new ConformanceCase(name, folder).Verify(digestForm: false);

            Assert.NotNull(failure);
            Assert.True(failure.Code == ReasonCodes.CertificateUntrustedChain, $"expected {ReasonCodes.CertificateUntrustedChain}; got {failure}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
