using ImageGate.Sigstore;

namespace ImageGate.Verification.Provenance;

/// <summary><c>--source-tag T</c>: the build ran for exactly <c>refs/tags/T</c> (docs/provenance.md §4); a branch build has no tag and fails.</summary>
public static class TagRule
{
    public static Failure? Check(ProvenanceStatement statement, string expectedTag)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(expectedTag);
        var failure = TryGetTag(statement, ProvenanceReasons.TagMismatch, $"expected tag '{expectedTag}'", out var tag);
        if (failure is not null)
        {
            return failure;
        }
        return tag == expectedTag ? null : new Failure(ProvenanceReasons.TagMismatch,
            $"tag used to generate the binary does not match provenance: expected tag '{expectedTag}', got '{tag}'");
    }

    /// <summary>The tag name of the build, or a <paramref name="code"/> failure when it was not a tag build.</summary>
    internal static Failure? TryGetTag(ProvenanceStatement statement, string code, string expected, out string tag)
    {
        tag = string.Empty;
        if (statement.Context.TryGetTag(out var reference) is { } unreadable)
        {
            return unreadable;
        }
        if (GitRefs.NameOf(reference, GitRefs.TagsType) is not { } name)
        {
            return new Failure(code, $"tag used to generate the binary does not match provenance: {expected}; found {(reference.Length == 0 ? "no tag (a branch build)" : $"ref \"{reference}\", not a tag")}");
        }
        tag = name;
        return null;
    }
}
