using System.Text.Json;
using ImageGate.Sigstore;

namespace ImageGate.Verification.Provenance;

/// <summary>
/// The fields of a verified SLSA provenance statement that the rules read (docs/provenance.md §2), for the two
/// predicate versions the SLSA GitHub generators write. A field that is absent is null here; the rule that needs it
/// refuses the statement, as slsa-verifier does, so a statement is only as malformed as the checks asked for.
/// </summary>
public sealed class ProvenanceStatement
{
    public const string SlsaV02 = "https://slsa.dev/provenance/v0.2";
    public const string SlsaV1 = "https://slsa.dev/provenance/v1";

    /// <summary>Either SLSA provenance version the rules read.</summary>
    public static bool IsSlsa(string? predicateType) => predicateType is SlsaV02 or SlsaV1;

    public required string PredicateType { get; init; }

    public string? BuildType { get; init; }

    /// <summary>v0.2 <c>predicate.builder.id</c>, v1 <c>predicate.runDetails.builder.id</c>.</summary>
    public string? BuilderId { get; init; }

    /// <summary>The repository and ref the build was triggered from, <c>git+https://github.com/o/r@ref</c>:
    /// v0.2 <c>invocation.configSource.uri</c>; v1 <c>externalParameters.workflow</c> (GitHub's build type) or
    /// <c>internalParameters.GITHUB_WORKFLOW_REF</c> (the generators').</summary>
    public string? TriggerUri { get; init; }

    /// <summary>The first material (v0.2 <c>materials[0].uri</c>, v1 <c>resolvedDependencies[0].uri</c>).</summary>
    public string? SourceUri { get; init; }

    /// <summary>Each subject's digest set (algorithm to hex), in order.</summary>
    public required IReadOnlyList<IReadOnlyDictionary<string, string>> Subjects { get; init; }

    /// <summary>The GitHub context the build ran in (v0.2 <c>invocation.environment</c>, v1 <c>internalParameters</c>).</summary>
    public required GitHubContext Context { get; init; }

    /// <summary>Reads a statement; a failure when it is not JSON, not an in-toto statement or not SLSA provenance.</summary>
    public static Failure? TryParse(ReadOnlyMemory<byte> statement, out ProvenanceStatement? parsed)
    {
        parsed = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(statement, new JsonDocumentOptions { MaxDepth = Limits.MaxJsonDepth });
        }
        catch (JsonException e)
        {
            return Malformed($"the statement is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Malformed("the statement is not a JSON object");
            }
            string? predicateType = Text(root, "predicateType");
            if (!IsSlsa(predicateType))
            {
                return Malformed($"expected predicate type {SlsaV02} or {SlsaV1}; found {Quoted(predicateType)}");
            }
            if (!root.TryGetProperty("predicate", out var predicate) || predicate.ValueKind != JsonValueKind.Object)
            {
                return Malformed("the statement has no predicate object");
            }
            var subjects = ReadSubjects(root);
            parsed = predicateType == SlsaV02 ? ReadV02(predicate, subjects) : ReadV1(predicate, subjects);
            return null;
        }
    }

    private static ProvenanceStatement ReadV02(JsonElement predicate, List<IReadOnlyDictionary<string, string>> subjects)
    {
        var invocation = Child(predicate, "invocation");
        return new ProvenanceStatement
        {
            PredicateType = SlsaV02,
            BuildType = Text(predicate, "buildType"),
            BuilderId = Text(Child(predicate, "builder"), "id"),
            TriggerUri = Text(Child(invocation, "configSource"), "uri"),
            SourceUri = FirstUri(predicate, "materials"),
            Subjects = subjects,
            Context = new GitHubContext(Child(invocation, "environment")?.Clone(), upperCase: false),
        };
    }

    private static ProvenanceStatement ReadV1(JsonElement predicate, List<IReadOnlyDictionary<string, string>> subjects)
    {
        var definition = Child(predicate, "buildDefinition");
        var internalParameters = Child(definition, "internalParameters");
        string? buildType = Text(definition, "buildType");
        string? trigger = buildType == KnownBuilders.GitHubActionsWorkflowV1
            ? WorkflowTrigger(Child(Child(definition, "externalParameters"), "workflow"))
            : WorkflowRefTrigger(Text(internalParameters, "GITHUB_WORKFLOW_REF"));
        return new ProvenanceStatement
        {
            PredicateType = SlsaV1,
            BuildType = buildType,
            BuilderId = Text(Child(Child(predicate, "runDetails"), "builder"), "id"),
            TriggerUri = trigger,
            SourceUri = definition is { } d ? FirstUri(d, "resolvedDependencies") : null,
            Subjects = subjects,
            Context = new GitHubContext(internalParameters?.Clone(), upperCase: true),
        };
    }

    /// <summary>GitHub's build type: <c>git+{workflow.repository}@{workflow.ref}</c>.</summary>
    private static string? WorkflowTrigger(JsonElement? workflow) =>
        Text(workflow, "repository") is { } repository && Text(workflow, "ref") is { } reference ? $"git+{repository}@{reference}" : null;

    /// <summary><c>owner/repo/path@ref</c> becomes <c>git+https://github.com/owner/repo@ref</c>.</summary>
    private static string? WorkflowRefTrigger(string? workflowRef)
    {
        var parts = workflowRef?.Split('@');
        if (parts is not { Length: 2 })
        {
            return null;
        }
        var path = parts[0].Split('/');
        return path.Length < 2 || parts[1].Length == 0 ? null : $"git+https://github.com/{path[0]}/{path[1]}@{parts[1]}";
    }

    private static List<IReadOnlyDictionary<string, string>> ReadSubjects(JsonElement root)
    {
        var subjects = new List<IReadOnlyDictionary<string, string>>();
        if (!root.TryGetProperty("subject", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return subjects;
        }
        foreach (var subject in list.EnumerateArray())
        {
            var digests = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Child(subject, "digest") is { ValueKind: JsonValueKind.Object } digestSet)
            {
                foreach (var digest in digestSet.EnumerateObject())
                {
                    if (digest.Value.ValueKind == JsonValueKind.String)
                    {
                        digests[digest.Name] = digest.Value.GetString()!;
                    }
                }
            }
            subjects.Add(digests);
        }
        return subjects;
    }

    private static string? FirstUri(JsonElement parent, string list) =>
        Child(parent, list) is { ValueKind: JsonValueKind.Array } items && items.GetArrayLength() > 0 ? Text(items[0], "uri") : null;

    internal static JsonElement? Child(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var child) ? child : null;

    internal static string? Text(JsonElement? parent, string name) =>
        Child(parent, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    internal static string Quoted(string? value) => value is null ? "none" : $"\"{value}\"";

    private static Failure Malformed(string message) => new(ProvenanceReasons.Malformed, message);
}
