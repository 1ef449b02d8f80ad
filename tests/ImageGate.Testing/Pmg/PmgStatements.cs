using System.Text;
using System.Text.Json.Nodes;

namespace ImageGate.Testing.Pmg;

/// <summary>
/// The three in-toto statements of a pmg-exporter release, in the field order the Go producers write
/// (docs/pmg-exporter-release.md §2b.2 to §2b.4).
/// </summary>
public static class PmgStatements
{
    /// <summary>
    /// cosign v3.0.6 <c>sign --new-bundle-format -a ...</c>: Statement v1, one subject with NO name and the
    /// <c>-a</c> pairs as subject annotations (cosign PR #4508), an empty predicate.
    /// </summary>
    public static JsonObject Signature(string subjectHex) => new()
    {
        ["_type"] = "https://in-toto.io/Statement/v1",
        ["subject"] = new JsonArray(new JsonObject
        {
            ["digest"] = new JsonObject { ["sha256"] = subjectHex },
            ["annotations"] = new JsonObject
            {
                ["ref"] = PmgNames.Commit,
                ["repo"] = PmgNames.Repository,
                ["workflow"] = "Release",
            },
        }),
        ["predicateType"] = PmgNames.SignPredicateType,
        ["predicate"] = new JsonObject(),
    };

    /// <summary>
    /// cosign v3.0.6 <c>attest --type cyclonedx</c>: Statement v0.1 with a named subject. Spliced as bytes so the
    /// predicate inside the signed payload is exactly <paramref name="predicate"/> (what <c>--sbom-out</c> must write).
    /// </summary>
    public static byte[] Sbom(string subjectHex, byte[] predicate)
    {
        var head = Encoding.UTF8.GetBytes(
            $"{{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":\"{PmgNames.SbomPredicateType}\","
            + $"\"subject\":[{{\"name\":\"{PmgNames.ImageName}\",\"digest\":{{\"sha256\":\"{subjectHex}\"}}}}],\"predicate\":");
        return [.. head, .. predicate, (byte)'}'];
    }

    /// <summary>
    /// slsa-github-generator v2.1.0's container builder: SLSA v0.2 provenance that satisfies pmg-exporter's
    /// policy.cue (builder.id, configSource.entryPoint and uri), plus the fields the generator always fills.
    /// </summary>
    public static JsonObject Provenance(string subjectHex) => new()
    {
        ["_type"] = "https://in-toto.io/Statement/v0.1",
        ["predicateType"] = PmgNames.SlsaPredicateType,
        ["subject"] = new JsonArray(new JsonObject
        {
            ["name"] = PmgNames.ImageName,
            ["digest"] = new JsonObject { ["sha256"] = subjectHex },
        }),
        ["predicate"] = new JsonObject
        {
            ["builder"] = new JsonObject { ["id"] = PmgNames.SlsaGeneratorIdentity },
            ["buildType"] = "https://github.com/slsa-framework/slsa-github-generator/container@v1",
            ["invocation"] = new JsonObject
            {
                ["configSource"] = new JsonObject
                {
                    ["uri"] = $"git+https://github.com/{PmgNames.Repository}@refs/tags/{PmgNames.Version}",
                    ["digest"] = new JsonObject { ["sha1"] = PmgNames.Commit },
                    ["entryPoint"] = ".github/workflows/release.yml",
                },
                ["parameters"] = new JsonObject(),
                ["environment"] = new JsonObject
                {
                    ["github_actor"] = "release-bot",
                    ["github_event_name"] = "push",
                    ["github_ref"] = $"refs/tags/{PmgNames.Version}",
                    ["github_ref_type"] = "tag",
                    ["github_repository"] = PmgNames.Repository,
                    ["github_run_attempt"] = "1",
                    ["github_run_id"] = "17000000000",
                    ["github_sha1"] = PmgNames.Commit,
                    ["github_workflow_ref"] = $"{PmgNames.Repository}/.github/workflows/release.yml@refs/tags/{PmgNames.Version}",
                },
            },
            ["metadata"] = new JsonObject
            {
                ["buildInvocationID"] = "17000000000-1",
                ["completeness"] = new JsonObject { ["parameters"] = true, ["environment"] = false, ["materials"] = false },
                ["reproducible"] = false,
            },
            ["materials"] = new JsonArray(new JsonObject
            {
                ["uri"] = $"git+https://github.com/{PmgNames.Repository}@refs/tags/{PmgNames.Version}",
                ["digest"] = new JsonObject { ["sha1"] = PmgNames.Commit },
            }),
        },
    };
}
