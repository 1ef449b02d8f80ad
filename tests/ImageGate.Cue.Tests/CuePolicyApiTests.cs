using System.Text;
using ImageGate.Cue;

namespace ImageGate.Cue.Tests;

/// <summary>The public surface: typed errors, limits, reuse across statements and threads.</summary>
public sealed class CuePolicyApiTests
{
    [Fact]
    public void Compile_error_names_file_line_and_construct()
    {
        var compilation = CuePolicy.Compile([("a.cue", "a: 1\n"), ("b.cue", "b: 2\nc: [for x in [1] {x}]\n")]);
        Assert.False(compilation.Succeeded);
        Assert.Equal(new CuePolicyError(CueErrorCodes.Unsupported, "list comprehension (`for` clause) is not supported", "b.cue", 2), compilation.Error);
    }

    [Fact]
    public void No_files_is_an_error() => Assert.False(CuePolicy.Compile([]).Succeeded);

    [Fact]
    public void Oversized_statement_is_a_limit_error()
    {
        var policy = CuePolicy.Compile([("p.cue", "a: 1")], CueLimits.Default with { MaxInputBytes = 10 }).Policy!;
        var result = policy.Evaluate(Encoding.UTF8.GetBytes("{\"a\": 1, \"b\": 2}"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(CueVerdict.Error, result.Verdict);
        Assert.Equal(CueErrorCodes.Limit, result.Error!.Code);
    }

    [Fact]
    public void Step_limit_is_an_error_not_a_pass()
    {
        var policy = CuePolicy.Compile([("p.cue", "a: [...int]")], CueLimits.Default with { MaxSteps = 1000 }).Policy!;
        var json = "{\"a\": [" + string.Join(",", Enumerable.Range(0, 5000)) + "]}";
        var result = policy.Evaluate(Encoding.UTF8.GetBytes(json), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(CueVerdict.Error, result.Verdict);
        Assert.Equal(CueErrorCodes.Limit, result.Error!.Code);
    }

    [Fact]
    public void Cancellation_stops_evaluation_with_an_error()
    {
        var policy = CuePolicy.Compile([("p.cue", "a: [...int]")]).Policy!;
        var json = "{\"a\": [" + string.Join(",", Enumerable.Range(0, 5000)) + "]}";
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var result = policy.Evaluate(Encoding.UTF8.GetBytes(json), cancellationToken: cts.Token);
        Assert.Equal(CueVerdict.Error, result.Verdict);
    }

    [Fact]
    public void Large_sbom_like_statement_is_evaluated()
    {
        var policy = CuePolicy.Compile([("p.cue", """
            predicateType: "https://cyclonedx.org/bom"
            predicate: components: [...{name: string, version: string, purl?: =~"^pkg:"}]
            """)]).Policy!;
        var components = string.Join(",", Enumerable.Range(0, 20_000).Select(i =>
            $$"""{"bom-ref":"pkg:pypi/p{{i}}@1.0","type":"library","name":"p{{i}}","version":"1.0","purl":"pkg:pypi/p{{i}}@1.0","properties":[{"name":"syft:package:foundBy","value":"x"}]}"""));
        var json = """{"_type":"https://in-toto.io/Statement/v0.1","predicateType":"https://cyclonedx.org/bom","subject":[],"predicate":{"components":["""
            + components + "]}}";
        Assert.True(json.Length > 2_000_000);
        // Work, not time, is asserted (timings are measured by a script, not here): a bounded number of steps per constrained
        // component (about 35), whatever the unconstrained rest of each component holds.
        var bounded = CuePolicy.Compile([("p.cue", """
            predicateType: "https://cyclonedx.org/bom"
            predicate: components: [...{name: string, version: string, purl?: =~"^pkg:"}]
            """)], CueLimits.Default with { MaxSteps = 50 * 20_000 }).Policy!;
        var result = bounded.Evaluate(Encoding.UTF8.GetBytes(json), cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.Verdict == CueVerdict.Satisfied, result.ToString());
        Assert.Equal(CueVerdict.Satisfied, policy.Evaluate(Encoding.UTF8.GetBytes(json), cancellationToken: TestContext.Current.CancellationToken).Verdict);
    }

    [Fact]
    public void Statement_parts_no_constraint_reaches_cost_no_steps()
    {
        // pmg-exporter's SBOM policy names predicateType only: the whole CycloneDX predicate is never expanded.
        var policy = CuePolicy.Compile([("p.cue", "predicateType: \"https://cyclonedx.org/bom\"")], CueLimits.Default with { MaxSteps = 50 }).Policy!;
        var components = string.Join(",", Enumerable.Range(0, 20_000).Select(i =>
            $$"""{"name":"p{{i}}","version":"1.0","hashes":[{"alg":"SHA-256","content":"{{i}}"}],"properties":[{"name":"a","value":"x"}]}"""));
        var json = """{"_type":"https://in-toto.io/Statement/v0.1","predicateType":"https://cyclonedx.org/bom","subject":[],"predicate":{"components":["""
            + components + "]}}";
        var result = policy.Evaluate(Encoding.UTF8.GetBytes(json), cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.Verdict == CueVerdict.Satisfied, result.ToString());
    }

    [Fact]
    public void One_policy_evaluates_many_statements_in_parallel()
    {
        var policy = CuePolicy.Compile([("p.cue", "a: =~\"^ok-[0-9]+$\"")]).Policy!;
        var results = Enumerable.Range(0, 200).AsParallel().Select(i =>
            (i, policy.Evaluate(Encoding.UTF8.GetBytes(i % 2 == 0 ? $"{{\"a\":\"ok-{i}\"}}" : $"{{\"a\":\"bad-{i}\"}}")).Verdict)).ToList();
        Assert.All(results, r => Assert.Equal(r.i % 2 == 0 ? CueVerdict.Satisfied : CueVerdict.Violated, r.Verdict));
    }

    [Fact]
    public void Violations_are_deterministic_and_ordered_by_statement_position()
    {
        var policy = CuePolicy.Compile([("p.cue", "a: 1\nb: 2\nc: 3")]).Policy!;
        var result = policy.Evaluate(Encoding.UTF8.GetBytes("{\"a\": 0, \"b\": 0, \"c\": 0}"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["a", "b", "c"], result.Violations.Select(v => v.Path));
        Assert.Equal("a: conflicting values 1 and 0", result.Violations[0].ToString());
    }
}
