using System.Text.Json;
using ImageGate.Sigstore;

namespace ImageGate.Verification.Provenance;

/// <summary>
/// The GitHub Actions context a generator records (docs/provenance.md §4): <c>github_ref_type</c>,
/// <c>github_ref</c>, <c>github_base_ref</c>, <c>github_event_name</c> and <c>github_event_payload</c>, lower-case in
/// v0.2 provenance and upper-case in v1. The branch and tag are resolved as slsa-verifier resolves them.
/// </summary>
public sealed class GitHubContext
{
    private readonly JsonElement? _environment;
    private readonly bool _upperCase;

    public GitHubContext(JsonElement? environment, bool upperCase)
    {
        _environment = environment;
        _upperCase = upperCase;
    }

    /// <summary>The tag ref of a tag build, empty for a branch build.</summary>
    public Failure? TryGetTag(out string reference)
    {
        reference = string.Empty;
        var failure = RefType(out var type);
        if (failure is not null || type == "branch")
        {
            return failure;
        }
        return String(Key("github_ref"), out reference);
    }

    /// <summary>
    /// The branch ref: <c>github_ref</c> of a branch build; for a tag build <c>github_base_ref</c>, else the push
    /// event's <c>base_ref</c> (empty when null), else <c>refs/heads/</c> + the release's <c>target_commitish</c>,
    /// else empty for other events.
    /// </summary>
    public Failure? TryGetBranch(out string reference)
    {
        reference = string.Empty;
        var failure = RefType(out var type);
        if (failure is not null)
        {
            return failure;
        }
        if (type == "branch")
        {
            return String(Key("github_ref"), out reference);
        }
        if ((failure = String(Key("github_base_ref"), out var baseRef)) is not null)
        {
            return failure;
        }
        if (baseRef.Length > 0)
        {
            reference = baseRef;
            return null;
        }
        if ((failure = String(Key("github_event_name"), out var eventName)) is not null)
        {
            return failure;
        }
        var payload = ProvenanceStatement.Child(_environment, Key("github_event_payload"));
        if (payload is not { ValueKind: JsonValueKind.Object })
        {
            return Malformed($"the provenance has no {Key("github_event_payload")} object");
        }
        switch (eventName)
        {
            case "push":
                if (ProvenanceStatement.Child(payload, "base_ref") is not { } pushBase)
                {
                    return Malformed("the push event payload has no base_ref");
                }
                reference = pushBase.ValueKind == JsonValueKind.String ? pushBase.GetString()! : string.Empty;
                return null;
            case "release":
                if (ProvenanceStatement.Text(ProvenanceStatement.Child(payload, "release"), "target_commitish") is not { } target)
                {
                    return Malformed("the release event payload has no release.target_commitish");
                }
                reference = "refs/heads/" + target;
                return null;
            default:
                return null;
        }
    }

    private Failure? RefType(out string type)
    {
        var failure = String(Key("github_ref_type"), out type);
        if (failure is null && type is not ("branch" or "tag"))
        {
            return Malformed($"expected {Key("github_ref_type")} \"branch\" or \"tag\"; found \"{type}\"");
        }
        return failure;
    }

    private Failure? String(string key, out string value)
    {
        value = string.Empty;
        if (_environment is not { ValueKind: JsonValueKind.Object })
        {
            return Malformed("the provenance records no GitHub context (environment / internalParameters)");
        }
        if (ProvenanceStatement.Text(_environment, key) is not { } text)
        {
            return Malformed($"the provenance's GitHub context has no string {key}");
        }
        value = text;
        return null;
    }

    private string Key(string name) => _upperCase ? name.ToUpperInvariant() : name;

    private static Failure Malformed(string message) => new(ProvenanceReasons.Malformed, message);
}
