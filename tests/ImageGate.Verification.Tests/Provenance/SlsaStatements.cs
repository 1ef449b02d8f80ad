using System.Text;
using System.Text.Json.Nodes;

namespace ImageGate.Verification.Tests.Provenance;

/// <summary>
/// SLSA provenance statements in the shapes the GitHub generators write (docs/provenance.md §2 and §4), built from
/// the fields the rules read: v0.2 as the generic generator writes it, v1 as the container-based builder does.
/// </summary>
internal sealed record SlsaStatements
{
    public const string Workflows = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/";
    public const string Generic = Workflows + "generator_generic_slsa3.yml";
    public const string ContainerBased = Workflows + "builder_container-based_slsa3.yml";

    public required IReadOnlyList<string> SubjectSha256 { get; init; }

    public string BuilderId { get; init; } = Generic + "@refs/tags/v2.1.0";

    public string BuildType { get; init; } = "https://github.com/slsa-framework/slsa-github-generator/generic@v1";

    public string Repository { get; init; } = "acme/widget";

    public string Ref { get; init; } = "refs/tags/v1.4.2";

    /// <summary>The materials' repository when it differs from the trigger's.</summary>
    public string? MaterialRepository { get; init; }

    public string EventName { get; init; } = "push";

    /// <summary>The push event's base_ref (the branch a tag was pushed from).</summary>
    public string? PushBaseRef { get; init; } = "refs/heads/main";

    private bool IsTag => Ref.StartsWith("refs/tags/", StringComparison.Ordinal);

    private JsonArray Subjects()
    {
        var subjects = new JsonArray();
        foreach (var digest in SubjectSha256)
        {
            subjects.Add((JsonNode)new JsonObject { ["name"] = "artifact", ["digest"] = new JsonObject { ["sha256"] = digest } });
        }
        return subjects;
    }

    private JsonObject Context(Func<string, string> key) => new()
    {
        [key("github_ref_type")] = IsTag ? "tag" : "branch",
        [key("github_ref")] = Ref,
        [key("github_base_ref")] = "",
        [key("github_event_name")] = EventName,
        [key("github_event_payload")] = new JsonObject { ["base_ref"] = PushBaseRef },
    };

    public byte[] V02()
    {
        string uri = $"git+https://github.com/{Repository}@{Ref}";
        var statement = new JsonObject
        {
            ["_type"] = "https://in-toto.io/Statement/v0.1",
            ["predicateType"] = "https://slsa.dev/provenance/v0.2",
            ["subject"] = Subjects(),
            ["predicate"] = new JsonObject
            {
                ["builder"] = new JsonObject { ["id"] = BuilderId },
                ["buildType"] = BuildType,
                ["invocation"] = new JsonObject
                {
                    ["configSource"] = new JsonObject { ["uri"] = uri, ["entryPoint"] = ".github/workflows/release.yml" },
                    ["environment"] = Context(k => k),
                },
                ["materials"] = new JsonArray(new JsonObject { ["uri"] = $"git+https://github.com/{MaterialRepository ?? Repository}@{Ref}" }),
            },
        };
        return Encoding.UTF8.GetBytes(statement.ToJsonString());
    }

    public byte[] V1()
    {
        var internalParameters = Context(k => k.ToUpperInvariant());
        internalParameters["GITHUB_WORKFLOW_REF"] = $"{Repository}/.github/workflows/release.yml@{Ref}";
        var statement = new JsonObject
        {
            ["_type"] = "https://in-toto.io/Statement/v1",
            ["predicateType"] = "https://slsa.dev/provenance/v1",
            ["subject"] = Subjects(),
            ["predicate"] = new JsonObject
            {
                ["buildDefinition"] = new JsonObject
                {
                    ["buildType"] = BuildType,
                    ["externalParameters"] = new JsonObject { ["source"] = new JsonObject { ["uri"] = $"git+https://github.com/{Repository}@{Ref}" } },
                    ["internalParameters"] = internalParameters,
                    ["resolvedDependencies"] = new JsonArray(new JsonObject { ["uri"] = $"git+https://github.com/{MaterialRepository ?? Repository}@{Ref}" }),
                },
                ["runDetails"] = new JsonObject { ["builder"] = new JsonObject { ["id"] = BuilderId } },
            },
        };
        return Encoding.UTF8.GetBytes(statement.ToJsonString());
    }
}
