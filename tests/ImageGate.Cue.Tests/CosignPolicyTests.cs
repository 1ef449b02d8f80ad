using System.Text.Json.Nodes;
using ImageGate.Cue;

namespace ImageGate.Cue.Tests;

/// <summary>
/// cosign's own example policies and one-line e2e policies (Fixtures/cosign, Apache-2.0, see NOTICE.md) with the
/// verdicts cosign's tests expect. Statements are built as cosign builds them: the whole in-toto statement.
/// </summary>
public sealed class CosignPolicyTests
{
    private const string Folder = "cosign";

    private static JsonNode Statement(string predicateType, JsonNode predicate) => new JsonObject
    {
        ["_type"] = "https://in-toto.io/Statement/v0.1",
        ["predicateType"] = predicateType,
        ["subject"] = new JsonArray(new JsonObject
        {
            ["name"] = "registry.local:5000/demoimage",
            ["digest"] = new JsonObject { ["sha256"] = "7d0ec4b3c5a9e2f1d8b6a4c2e0f9d7b5a3c1e9f7d5b3a1c9e7f5d3b1a9c7e5f3" },
        }),
        ["predicate"] = predicate,
    };

    // `cosign attest --predicate predicate-file` (type custom) wraps the file as Data with the attestation time.
    private static JsonNode CustomStatement(string timestamp) => Statement(
        "https://cosign.sigstore.dev/attestation/v1",
        new JsonObject { ["Data"] = "foobar e2e test", ["Timestamp"] = timestamp });

    private static JsonNode VulnStatement() => Statement(
        "https://cosign.sigstore.dev/attestation/vuln/v1", JsonNode.Parse(CueFixtures.Text(Folder, "vuln-predicate.json"))!);

    [Theory]
    [InlineData("cue-works.cue", CueVerdict.Satisfied)]
    [InlineData("cue-fails.cue", CueVerdict.Violated)]
    public void Custom_attestation_policies_give_cosigns_verdict(string file, CueVerdict expected) =>
        Assert.Equal(expected, CueFixtures.Evaluate(CueFixtures.Policy(Folder, file), CustomStatement("2026-11-25T20:39:44Z")).Verdict);

    [Fact]
    public void Cue_fails_names_the_predicate_type()
    {
        var result = CueFixtures.Evaluate(CueFixtures.Policy(Folder, "cue-fails.cue"), CustomStatement("2026-11-25T20:39:44Z"));
        Assert.Equal(
            "predicateType: conflicting values \"https://cosignnotreally.sigstore.dev/attestation/v1\" and \"https://cosign.sigstore.dev/attestation/v1\"",
            Assert.Single(result.Violations).ToString());
    }

    [Fact]
    public void Cue_works_rejects_an_attestation_dated_after_its_bound()
    {
        var result = CueFixtures.Evaluate(CueFixtures.Policy(Folder, "cue-works.cue"), CustomStatement("2050-01-01T00:00:00Z"));
        Assert.Equal(CueVerdict.Violated, result.Verdict);
        Assert.Equal("predicate.Timestamp: invalid value \"2050-01-01T00:00:00Z\" (out of bound <\"2049-10-09T17:10:27Z\")",
            Assert.Single(result.Violations).ToString());
    }

    [Theory]
    [InlineData("cue-vuln-works.cue", CueVerdict.Satisfied)]
    [InlineData("cue-vuln-fails.cue", CueVerdict.Violated)]
    public void Vuln_attestation_policies_give_cosigns_verdict(string file, CueVerdict expected) =>
        Assert.Equal(expected, CueFixtures.Evaluate(CueFixtures.Policy(Folder, file), VulnStatement()).Verdict);

    [Fact]
    public void Cue_vuln_fails_reports_every_violation()
    {
        var result = CueFixtures.Evaluate(CueFixtures.Policy(Folder, "cue-vuln-fails.cue"), VulnStatement());
        var paths = result.Violations.Select(v => v.Path).ToList();
        Assert.Equal(
            ["predicate.invocation.uri", "predicate.scanner.uri", "predicate.metadata.scanStartedOn", "predicate.metadata.scanFinishedOn"],
            paths);
        Assert.Contains("invalid value \"2022-04-12T00:00:00Z\" (out of bound <\"2022-04-01T17:10:27Z\")",
            result.Violations[2].Message, StringComparison.Ordinal);
    }

    // test/e2e_test.go: each predicate with the policy that must pass and the one that must fail.
    public static TheoryData<string, string, string, string> E2E => new()
    {
        { "https://slsa.dev/provenance/v0.2", """{"builder":{"id":"2"},"buildType":"x","invocation":{"configSource":{}}}""", "predicate: builder: id: \"2\"", "predicate: builder: id: \"1\"" },
        { "https://spdx.dev/Document", CueFixtures.Text(Folder, "bom-go-mod.spdx.json"), "predicate: spdxVersion: \"SPDX-2.2\"", "predicate: spdxVersion: \"SPDX-9.9\"" },
        { "https://cyclonedx.org/bom", CueFixtures.Text(Folder, "bom-go-mod.cyclonedx.json"), "predicate: specVersion: \"1.4\"", "predicate: specVersion: \"7.7\"" },
        { "https://example.com/TestResult/v1", CueFixtures.Text(Folder, "test-result.json"), "predicate: passed: true", "predicate: passed: false" },
    };

    [Theory]
    [MemberData(nameof(E2E))]
    public void E2e_one_line_policies_pass_and_fail_as_in_cosign(string predicateType, string predicate, string good, string bad)
    {
        var statement = Statement(predicateType, JsonNode.Parse(predicate)!);
        Assert.Equal(CueVerdict.Satisfied, CueFixtures.Evaluate(CueFixtures.PolicyText(good), statement).Verdict);
        Assert.Equal(CueVerdict.Violated, CueFixtures.Evaluate(CueFixtures.PolicyText(bad), statement).Verdict);
    }

    [Fact]
    public void E2e_malformed_policy_is_an_error_not_a_pass()
    {
        // TestAttestVerifyURI's failing policy has a stray quote; cosign fails to load it, and so do we.
        var compilation = CuePolicy.Compile([("policy.cue", "predicate: passed: false\"")]);
        Assert.False(compilation.Succeeded);
        Assert.Equal(CueErrorCodes.Syntax, compilation.Error.Code);
    }

    [Fact]
    public void Cue_test_passing_policy_sample()
    {
        // pkg/cosign/cue/cue_test.go "passing policy".
        const string json = """
            {"seq": [1, 2, 3, {"a": 1, "b": 2}], "a": {"b": {"c": 3}}, "b": {"x": 0, "y": 1, "z": 2}}
            """;
        const string policy = """
            package test

            seq: [
                1, 2, 3, {
                    a: 1
                    b: 2
                }
            ]
            a: b: c: 3
            b: {
                x: 0
                y: 1
                z: 2
            }
            """;
        Assert.Equal(CueVerdict.Satisfied, CueFixtures.Evaluate(CueFixtures.PolicyText(policy), json).Verdict);
    }

    [Fact]
    public void Cue_test_policies_importing_struct_or_list_are_refused_not_passed()
    {
        // cosign's other cue_test.go cases use struct.MaxFields and list.MinItems, outside the supported subset:
        // they must be configuration errors, never a pass.
        var compilation = CuePolicy.Compile([("policy.cue", """
            package test
            import "list"

            authorityMatches: keysignature: signatures: list.MaxItems(2) & list.MinItems(2)
            """)]);
        Assert.False(compilation.Succeeded);
        Assert.Equal(CueErrorCodes.Unsupported, compilation.Error.Code);
        Assert.Equal(2, compilation.Error.Line);
    }
}
