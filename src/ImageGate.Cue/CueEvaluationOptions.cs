namespace ImageGate.Cue;

/// <summary>How strictly a statement is judged.</summary>
public sealed record CueEvaluationOptions
{
    public static CueEvaluationOptions Default { get; } = new();

    /// <summary>
    /// As <c>cue vet -c</c>: every field must end concrete, so a constrained field missing from the statement is a
    /// violation. Off by default because cosign validates with <c>cue.Final()</c> only, where a constraint on an
    /// absent field is not an error; use required fields (<c>x!:</c>) to demand presence portably.
    /// </summary>
    public bool RequireConcrete { get; init; }
}
