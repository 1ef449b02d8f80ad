using System.Text;
using ImageGate.Cue;

namespace ImageGate.Cue.Tests;

/// <summary>The data-driven table: every case in Cases/*.cases, with its expected verdict.</summary>
public sealed class CueCaseTests
{
    private static readonly Lazy<Dictionary<string, CueCase>> Cases =
        new(() => CueCaseFile.LoadAll().ToDictionary(c => c.Id, StringComparer.Ordinal));

    public static TheoryData<string> CaseIds => new(Cases.Value.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void The_table_has_at_least_150_cases_and_unique_names() =>
        Assert.True(Cases.Value.Count >= 150, $"only {Cases.Value.Count} cases");

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Case_has_expected_verdict(string id)
    {
        var c = Cases.Value[id];
        var (verdict, detail) = Run(c);
        Assert.True(verdict == c.Verdict, $"expected {c.Verdict}, got {verdict}:\n{detail}");
        if (c.Fragment is not null)
        {
            Assert.True(detail.Contains(c.Fragment, StringComparison.Ordinal), $"expected the {verdict} text to contain\n  {c.Fragment}\ngot\n  {detail}");
        }
    }

    internal static (string Verdict, string Detail) Run(CueCase c)
    {
        var compilation = CuePolicy.Compile(c.Policies);
        if (!compilation.Succeeded)
        {
            return ("error", compilation.Error.ToString());
        }
        var result = compilation.Policy.Evaluate(Encoding.UTF8.GetBytes(c.Input), new CueEvaluationOptions { RequireConcrete = c.Concrete },
            TestContext.Current.CancellationToken);
        return result.Verdict switch
        {
            CueVerdict.Satisfied => ("satisfied", "satisfied"),
            CueVerdict.Violated => ("violated", string.Join("\n", result.Violations)),
            _ => ("error", result.Error!.ToString()),
        };
    }
}
