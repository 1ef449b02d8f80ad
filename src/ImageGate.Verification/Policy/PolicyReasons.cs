namespace ImageGate.Verification.Policy;

/// <summary>The reason codes the policy layer raises: the ImagePolicy itself, and whether an image meets it.</summary>
public static class PolicyReasons
{
    /// <summary>The policy cannot be used as written (exit 2).</summary>
    public const string Invalid = "policy.invalid";

    public const string PredicateTypeMismatch = "policy.predicate-type-mismatch";

    /// <summary>A verified statement does not satisfy its CUE policy (also what <c>imagegate policy eval</c> reports).</summary>
    public const string CueViolation = "policy.cue-violation";

    /// <summary>A verified statement could not be evaluated against its CUE policy (a limit, a value CUE cannot hold):
    /// the image is not shown to meet the policy, so it is rejected.</summary>
    public const string CueUnevaluable = "policy.cue-unevaluable";

    public const string RequirementMissing = "policy.requirement-missing";
}
