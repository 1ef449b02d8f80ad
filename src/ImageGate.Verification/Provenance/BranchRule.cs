using ImageGate.Sigstore;

namespace ImageGate.Verification.Provenance;

/// <summary><c>--source-branch B</c>: the branch the build ran on is <c>refs/heads/B</c> (docs/provenance.md §4),
/// resolved from the GitHub context as <see cref="GitHubContext.TryGetBranch"/> says; a build with no branch fails.</summary>
public static class BranchRule
{
    public static Failure? Check(ProvenanceStatement statement, string expectedBranch)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(expectedBranch);
        if (statement.Context.TryGetBranch(out var reference) is { } unreadable)
        {
            return unreadable;
        }
        if (GitRefs.NameOf(reference, GitRefs.HeadsType) is not { } branch)
        {
            return new Failure(ProvenanceReasons.BranchMismatch,
                $"branch used to generate the binary does not match provenance: expected branch '{expectedBranch}'; found {(reference.Length == 0 ? "no branch" : $"ref \"{reference}\", not a branch")}");
        }
        return branch == expectedBranch ? null : new Failure(ProvenanceReasons.BranchMismatch,
            $"branch used to generate the binary does not match provenance: expected branch '{expectedBranch}', got '{branch}'");
    }
}
