using System.Text;
using ImageGate.Cue;

namespace ImageGate.Cue.Tests;

/// <summary>
/// A regex constraint never passes a value it did not match, whatever the timeout, load or concurrency. The limits are
/// made tiny instead of waiting for a loaded machine: the verdict must hold with any of them.
/// </summary>
public sealed class RegexTimeoutTests
{
    private static readonly CueLimits Tiny = CueLimits.Default with { RegexTimeout = TimeSpan.FromTicks(1) };

    private static CueEvaluation Evaluate(string policy, string input, CueLimits limits)
    {
        var compilation = CuePolicy.Compile([("p.cue", policy)], limits);
        Assert.True(compilation.Succeeded, compilation.Error?.ToString());
        return compilation.Policy.Evaluate(Encoding.UTF8.GetBytes(input), cancellationToken: TestContext.Current.CancellationToken);
    }

    // The CI failure: .NET 10's NonBacktracking engine answered "match" when its timeout check fired mid-search, so
    // this was "satisfied" now and then under load. Fresh policies (cold automata) from many threads at once.
    [Fact]
    public void Linear_regex_with_a_tiny_timeout_is_violated_from_many_threads()
    {
        // Long enough for the clock to tick mid-search, short enough that it usually finishes first: before the fix
        // one evaluation in five to ten was "satisfied" here (1 ms is the engine's smallest timeout).
        var input = "{\"s\": \"" + new string('a', 100_000) + "!\"}";
        var verdicts = Enumerable.Range(0, 64).AsParallel().WithDegreeOfParallelism(8)
            .Select(_ => Evaluate("s: =~\"^(a|a?)+$\"", input, Tiny).Verdict).ToList();
        Assert.All(verdicts, v => Assert.Equal(CueVerdict.Violated, v));
    }

    [Fact]
    public void Shared_policy_with_a_tiny_timeout_is_violated_from_many_threads()
    {
        // A nested repetition, so the linear engine runs it (a plain ^a+$ goes to the interpreter, where a
        // one-tick timeout is a limit error instead).
        var policy = CuePolicy.Compile([("p.cue", "s: =~\"^(a+)+$\"")], Tiny).Policy!;
        var bytes = Encoding.UTF8.GetBytes("{\"s\": \"" + new string('a', 30_000) + "!\"}");
        var verdicts = Enumerable.Range(0, 64).AsParallel().WithDegreeOfParallelism(8)
            .Select(_ => policy.Evaluate(bytes).Verdict).ToList();
        Assert.All(verdicts, v => Assert.Equal(CueVerdict.Violated, v));
    }

    // \b needs the backtracking engine; against 5,000 words and a "!" it cannot finish within one tick, so these
    // time out every time. A timeout is a limit error: never satisfied, and not a violation a disjunction could drop.
    public static TheoryData<string, string> TimedOut => new()
    {
        { """s: =~"^(\\b\\w+\\b\\s?)+$" """, "" },
        { """s: !~"^(\\b\\w+\\b\\s?)+$" """, "" },
        { """s: =~"^(\\b\\w+\\b\\s?)+$" | string""", "" },
        { """s: *"x" | !~"^(\\b\\w+\\b\\s?)+$" """, "" },
        { """s: string, ok: s =~ "^(\\b\\w+\\b\\s?)+$" """, ", \"ok\": false" },
        { """s: string, ok: !(s =~ "^(\\b\\w+\\b\\s?)+$")""", ", \"ok\": true" },
        { """s: string, ok: (s !~ "^(\\b\\w+\\b\\s?)+$") | false""", ", \"ok\": false" },
    };

    [Theory]
    [MemberData(nameof(TimedOut))]
    public void Backtracking_regex_timeout_is_a_limit_error(string policy, string extra)
    {
        var input = "{\"s\": \"" + string.Join(" ", Enumerable.Repeat("word", 5000)) + " !\"" + extra + "}";
        var result = Evaluate(policy, input, Tiny);
        Assert.True(result.Verdict == CueVerdict.Error, result.ToString());
        Assert.Equal(CueErrorCodes.Limit, result.Error!.Code);
        Assert.Contains("timed out", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tiny_evaluation_time_is_an_error_not_a_pass()
    {
        var limits = CueLimits.Default with { MaxEvaluationTime = TimeSpan.Zero, RegexTimeout = TimeSpan.FromTicks(1) };
        var json = "{\"a\": [" + string.Join(",", Enumerable.Range(0, 5000).Select(i => $"\"x{i}\"")) + "]}";
        var result = Evaluate("a: [...=~\"^y\"]", json, limits);
        Assert.Equal(CueVerdict.Error, result.Verdict);
        Assert.Equal(CueErrorCodes.Limit, result.Error!.Code);
    }
}
