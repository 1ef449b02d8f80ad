namespace ImageGate.Cue;

public enum CueVerdict
{
    Satisfied,
    Violated,

    /// <summary>The policy or the input could not be evaluated (unsupported construct, limit, malformed JSON).</summary>
    Error,
}

/// <summary>The outcome of evaluating one statement: satisfied, violated (with every violation), or an error.</summary>
public sealed class CueEvaluation
{
    private CueEvaluation(CueVerdict verdict, IReadOnlyList<CueViolation> violations, CuePolicyError? error)
    {
        Verdict = verdict;
        Violations = violations;
        Error = error;
    }

    public CueVerdict Verdict { get; }

    public IReadOnlyList<CueViolation> Violations { get; }

    public CuePolicyError? Error { get; }

    public bool IsSatisfied => Verdict == CueVerdict.Satisfied;

    internal static CueEvaluation Satisfied() => new(CueVerdict.Satisfied, [], null);

    internal static CueEvaluation Violated(IReadOnlyList<CueViolation> violations) => new(CueVerdict.Violated, violations, null);

    internal static CueEvaluation Failed(CuePolicyError error) => new(CueVerdict.Error, [], error);

    public override string ToString() => Verdict switch
    {
        CueVerdict.Satisfied => "satisfied",
        CueVerdict.Violated => string.Join(Environment.NewLine, Violations),
        _ => Error!.ToString(),
    };
}
