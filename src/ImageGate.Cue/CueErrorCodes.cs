namespace ImageGate.Cue;

/// <summary>Stable reason codes of CUE policies that cannot be compiled or evaluated. Never rename or reuse one:
/// scripts match on them. A statement that violates a policy is a verdict, reported by the policy layer as
/// <c>policy.cue-violation</c>, not an error of the evaluator.</summary>
public static class CueErrorCodes
{
    public const string Syntax = "cue.syntax";
    public const string Unsupported = "cue.unsupported";
    public const string Reference = "cue.reference";
    public const string Regex = "cue.regex";
    public const string Limit = "cue.limit-exceeded";
    public const string InputMalformed = "cue.input-malformed";
}
