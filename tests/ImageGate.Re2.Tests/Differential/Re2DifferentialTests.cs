namespace ImageGate.Re2.Tests.Differential;

/// <summary>
/// ImageGate's RE2 against Go's regexp itself (re2-differential.jsonl, written by generate.sh): every pattern Go
/// refuses is refused, every other one compiles and matches exactly where Go's matches. The one deviation allowed is
/// refusing a pattern Go accepts (that fails closed), and each is listed with its reason.
/// </summary>
public sealed class Re2DifferentialTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Syntax Go accepts and ImageGate refuses with a clear error, because .NET has no faithful equivalent.</summary>
    private static readonly Dictionary<string, string> KnownRefusals = new(StringComparer.Ordinal)
    {
        ["(?U)a+"] = "the ungreedy flag swaps greedy and lazy repetition; not translated",
        [@"^\p{Greek}$"] = "Unicode script names have no .NET equivalent (only general categories)",
        [@"^\p{Han}$"] = "Unicode script names have no .NET equivalent (only general categories)",
        ["(?P<n>a)(?P<n>b)"] = "a repeated group name: RE2 (C++) refuses it, and refusing takes neither engine's reading",
    };

    /// <summary>Syntax the oracle (Debian 12's Go 1.19) refuses and Go 1.22+, which cosign is built with, accepts.</summary>
    private static readonly Dictionary<string, string> NewerGo = new(StringComparer.Ordinal)
    {
        ["^(?<n>x)$"] = "named groups spelled (?<name>) since Go 1.22",
    };

    public static TheoryData<int> Rows => new(Enumerable.Range(0, DifferentialTable.Rows.Count));

    [Theory]
    [MemberData(nameof(Rows))]
    public void Agrees_with_go(int index)
    {
        var row = DifferentialTable.Rows[index];
        var compiled = Re2Regex.TryCreate(row.Pattern, Timeout, out var regex, out var error);
        if (row.Go == "error" && !NewerGo.ContainsKey(row.Pattern))
        {
            Assert.False(compiled, $"{row}, but ImageGate accepts it as {regex?.Translated}");
            return;
        }
        if (KnownRefusals.ContainsKey(row.Pattern))
        {
            Assert.False(compiled, $"{row}; listed as refused, but ImageGate now accepts it: drop it from KnownRefusals");
            return;
        }
        Assert.True(compiled, $"{row}, but ImageGate refuses it: {error}");
        Assert.NotNull(regex);
        if (row.Input is null)
        {
            return;
        }
        var expected = row.Go == "match" ? Re2MatchOutcome.Match : Re2MatchOutcome.NoMatch;
        Assert.True(expected == regex.Match(row.Input!), $"{row}; ImageGate ran {regex.Translated} and disagrees");
    }

    [Fact]
    public void The_table_covers_at_least_300_pairs_and_every_known_refusal()
    {
        Assert.True(DifferentialTable.Rows.Count(r => r.Input is not null) >= 300, "the table shrank below 300 pattern/input pairs");
        var patterns = DifferentialTable.Rows.Select(r => r.Pattern).ToHashSet(StringComparer.Ordinal);
        Assert.All(KnownRefusals.Keys.Concat(NewerGo.Keys), p => Assert.Contains(p, patterns));
    }
}
