namespace ImageGate.Cue;

/// <summary>
/// Bounds on everything a policy or a statement can make the evaluator do. Statements come from outside (a signed
/// statement is still attacker-shaped data), so each bound fails closed with <see cref="CueErrorCodes.Limit"/>.
/// </summary>
/// <remarks>
/// Numbers are bounded too, by constants rather than settings (a number's meaning should not vary with
/// configuration): exact decimals of at most <see cref="CueDecimal.MaxDigits"/> significant digits with a
/// scientific exponent within ±<see cref="CueDecimal.MaxExponent"/>, in the policy, the statement and arithmetic
/// results alike.
/// </remarks>
public sealed record CueLimits
{
    public static CueLimits Default { get; } = new();

    /// <summary>A syft CycloneDX SBOM of a real image is about 1.5 MB; leave room for large ones.</summary>
    public int MaxInputBytes { get; init; } = 32 * 1024 * 1024;

    public int MaxPolicyBytes { get; init; } = 1024 * 1024;

    /// <summary>Nesting of JSON input, of policy expressions and of evaluated values.</summary>
    public int MaxDepth { get; init; } = 128;

    /// <summary>Conjunct expansions and value evaluations per statement.</summary>
    public long MaxSteps { get; init; } = 20_000_000;

    /// <summary>Alternatives tried while resolving disjunctions per statement.</summary>
    public int MaxDisjunctionBranches { get; init; } = 100_000;

    public TimeSpan MaxEvaluationTime { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(200);
}
