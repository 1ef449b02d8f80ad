namespace ImageGate.Verification.Cue;

/// <summary>Stable reason codes of CUE policy failures. Never rename or reuse one: scripts match on them.</summary>
public static class CueErrorCodes
{
    public const string Syntax = "cue.syntax";
    public const string Unsupported = "cue.unsupported";
    public const string Reference = "cue.reference";
    public const string Regex = "cue.regex";
    public const string Limit = "cue.limit-exceeded";
    public const string InputMalformed = "cue.input-malformed";
    public const string Violated = "policy.cue-violated";
}
