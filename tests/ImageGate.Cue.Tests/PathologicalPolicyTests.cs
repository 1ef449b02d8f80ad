using System.Text;
using ImageGate.Cue;

namespace ImageGate.Cue.Tests;

/// <summary>Generated inputs too large for the case table: every one ends in a bounded, typed result.</summary>
public sealed class PathologicalPolicyTests
{
    private static (string Verdict, string Detail) Run(string policy, string input) =>
        CueCaseTests.Run(new CueCase("generated", [("policy.cue", policy)], input, "", null, false));

    [Fact]
    public void Long_conjunction_chain_is_a_limit_error_not_a_crash() =>
        Assert.Equal("error", Run("a: " + string.Join(" & ", Enumerable.Repeat("int", 100_000)), "{}").Verdict);

    [Fact]
    public void Moderate_conjunction_chain_is_evaluated() =>
        Assert.Equal("satisfied", Run("a: " + string.Join(" & ", Enumerable.Repeat("int", 300)), "{\"a\": 1}").Verdict);

    [Fact]
    public void Long_selector_chain_is_a_limit_error() =>
        Assert.Contains("cue.limit-exceeded", Run("a: {}\nb: a" + string.Concat(Enumerable.Repeat(".a", 100_000)), "{}").Detail, StringComparison.Ordinal);

    [Fact]
    public void Long_reference_chain_is_a_limit_error_not_a_crash()
    {
        var policy = new StringBuilder();
        for (var i = 0; i < 50_000; i++)
        {
            policy.Append("f").Append(i).Append(": f").Append(i + 1).Append('\n');
        }
        policy.Append("f50000: 1\n");
        Assert.Equal("error", Run(policy.ToString(), "{}").Verdict);
    }

    [Fact]
    public void Short_reference_chain_is_evaluated()
    {
        var policy = new StringBuilder();
        for (var i = 0; i < 100; i++)
        {
            policy.Append("_f").Append(i).Append(": _f").Append(i + 1).Append('\n');
        }
        policy.Append("_f100: 1\nx: _f0\n");
        Assert.Equal("violated", Run(policy.ToString(), "{\"x\": 2}").Verdict);
    }

    [Fact]
    public void Input_at_the_depth_limit_is_evaluated()
    {
        var depth = CueLimits.Default.MaxDepth - 1;
        var json = "{\"a\":" + new string('[', depth - 1) + new string(']', depth - 1) + "}";
        Assert.Equal("satisfied", Run("a: _", json).Verdict);
    }

    [Fact]
    public void Wide_input_with_many_fields_is_evaluated()
    {
        var json = "{" + string.Join(",", Enumerable.Range(0, 50_000).Select(i => $"\"k{i}\":{i}")) + "}";
        Assert.Equal("violated", Run("k49999: 0", json).Verdict);
    }

    [Fact]
    public void Many_disjunctions_on_separate_fields_are_cheap()
    {
        var policy = string.Join("\n", Enumerable.Range(0, 2000).Select(i => $"f{i}: *\"a\" | \"b\" | \"c\""));
        var json = "{" + string.Join(",", Enumerable.Range(0, 2000).Select(i => $"\"f{i}\":\"c\"")) + "}";
        Assert.Equal("satisfied", Run(policy, json).Verdict);
    }

    // Time is not asserted (shared machines); RegexTimeoutTests pins the verdict under tiny limits instead.
    [Fact]
    public void Catastrophic_regex_against_a_long_input_is_violated() =>
        Assert.Equal("violated", Run("s: =~\"^(a|a?)+$\"", "{\"s\": \"" + new string('a', 100_000) + "!\"}").Verdict);

    [Fact]
    public void Huge_violation_values_are_truncated_in_messages()
    {
        var (verdict, detail) = Run("s: \"x\"", "{\"s\": \"" + new string('y', 100_000) + "\"}");
        Assert.Equal("violated", verdict);
        Assert.True(detail.Length < 1000, $"message is {detail.Length} characters");
    }
}
