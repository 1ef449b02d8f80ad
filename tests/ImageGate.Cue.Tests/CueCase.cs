namespace ImageGate.Cue.Tests;

/// <summary>One row of the table: policy files, a JSON statement, the expected verdict and a message fragment.</summary>
public sealed record CueCase(
    string Id,
    IReadOnlyList<(string Name, string Text)> Policies,
    string Input,
    string Verdict,
    string? Fragment,
    bool Concrete);
