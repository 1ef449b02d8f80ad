namespace ImageGate.Cue;

/// <summary>
/// One way the statement fails the policy: the path in the statement (CUE notation, e.g.
/// <c>predicate.invocation.configSource.uri</c>; empty for the root) and what was found against what was required.
/// </summary>
public sealed record CueViolation(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
