namespace ImageGate.Cue.Tests;

/// <summary>
/// Statement parts no constraint reaches are left as JSON, not expanded: the verdicts must be the ones expansion gave.
/// </summary>
public sealed class UnconstrainedInputTests
{
    private static (string Verdict, string Detail) Run(string policy, string input, bool concrete = false) =>
        CueCaseTests.Run(new CueCase("generated", [("policy.cue", policy)], input, "", null, concrete));

    [Theory]
    [InlineData("""{"a": 1, "p": {"x": {"k": 1, "k": 2}}}""", "p.x.k: conflicting values 1 and 2")]
    [InlineData("""{"a": 1, "p": [{"k": "a", "k": "b"}]}""", "p.0.k: conflicting values")]
    [InlineData("""{"a": 1, "p": {"x": {"k": {"b": 1}, "\u006b": {"b": 2}}}}""", "p.x.k.b: conflicting values 1 and 2")]
    // The outer object's names survive an inner object that closes between them.
    [InlineData("""{"a": 1, "p": {"k": {"j": 1}, "j": 1, "k": 2}}""", "p.k: conflicting values")]
    public void Conflicts_inside_unconstrained_parts_are_still_violations(string input, string fragment)
    {
        var (verdict, detail) = Run("a: 1", input);
        Assert.Equal("violated", verdict);
        Assert.Contains(fragment, detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"a": 1, "p": {"k": 1, "k": 1, "s": "\u00e9\n", "l": [[], {}, null, true, 1.5e3]}}""")]
    // Numbers are exact decimals: beyond double's range and precision is still in range.
    [InlineData("""{"a": 1, "p": {"n": 1e400, "m": -0.0, "k": 123456789012345678901234567890, "f": 1.5E-300}}""")]
    // Sibling objects may reuse names; an inner object's names are not its parent's.
    [InlineData("""{"a": 1, "p": {"x": {"k": 1, "m": {"k": 2}}, "y": {"k": 1}, "k": [{"k": 3}, {"k": 4}]}}""")]
    [InlineData("""{"a": 1, "p": {"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k11":11,"k12":12,"k13":13,"k14":14,"k15":15,"k16":16,"k17":17}}""")]
    public void Self_consistent_unconstrained_parts_pass_even_when_concrete_is_required(string input) =>
        Assert.Equal("satisfied", Run("a: 1", input, concrete: true).Verdict);

    // A number beyond the limits is a limit error wherever it sits, as it is when expanded.
    [Theory]
    [InlineData("""{"a": 1, "p": {"n": 1e999999999}}""", "number 1e999999999 is out of the supported range")]
    [InlineData("""{"a": 1, "p": [0, {"n": -1e-10001}]}""", "at p.1.n")]
    public void Numbers_beyond_the_limits_inside_unconstrained_parts_are_limit_errors(string input, string fragment)
    {
        var (verdict, detail) = Run("a: 1", input);
        Assert.Equal("error", verdict);
        Assert.Contains("cue.limit-exceeded", detail, StringComparison.Ordinal);
        Assert.Contains(fragment, detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_key_among_many_properties_is_found()
    {
        var fields = string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"k{i}\":{i}"));
        Assert.Equal("violated", Run("a: 1", "{\"a\": 1, \"p\": {" + fields + ",\"k7\":8}}").Verdict);
    }

    // The referenced field first (left unexpanded, then read) and last (expanded by the read before its turn).
    [Theory]
    [InlineData("predicate: _\nn: predicate.build.count\nn: 3")]
    [InlineData("n: predicate.build.count\nn: 3\npredicate: _")]
    public void References_read_into_unconstrained_input(string policy)
    {
        Assert.Equal("violated", Run(policy, """{"n": 3, "predicate": {"build": {"count": 4}}}""").Verdict);
        Assert.Equal("satisfied", Run(policy, """{"n": 3, "predicate": {"build": {"count": 3}, "x": [1]}}""", concrete: true).Verdict);
    }

    [Fact]
    public void Closed_definitions_still_refuse_fields_the_statement_adds()
    {
        var (verdict, detail) = Run("#D: {a: int}\nx: #D", """{"x": {"a": 1, "b": {"c": [1, 2]}}}""");
        Assert.Equal("violated", verdict);
        Assert.Contains("x.b: field not allowed", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Disjunction_alternatives_differing_only_in_unconstrained_input_are_one() =>
        Assert.Equal("satisfied", Run("x: {a: string} | {b?: int}", """{"x": {"a": "s", "c": {"d": [1]}}}""", concrete: true).Verdict);

    [Fact]
    public void Open_list_of_top_leaves_elements_unexpanded_and_consistent()
    {
        Assert.Equal("satisfied", Run("subject: [...]", """{"subject": [{"name": "x", "digest": {"sha256": "ab"}}]}""", concrete: true).Verdict);
        Assert.Equal("violated", Run("subject: [...]", """{"subject": [{"k": 1, "k": 2}]}""").Verdict);
    }
}
