using System.Reflection;
using ImageGate.Cli.Reasons;
using ImageGate.Oci;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Tuf;
using ImageGate.Cue;
using ImageGate.Verification.Legacy;
using ImageGate.Verification.Policy;
using ImageGate.Verification.Provenance;

namespace ImageGate.Cli.Tests.FailClosed;

/// <summary>
/// One catalogue of reason codes (issue 9, item 6): every code any layer declares is unique, has exactly one exit
/// code in <see cref="ReasonCatalogue"/>, and belongs to the layer that raises it.
/// </summary>
public sealed class ReasonCatalogueTests
{
    private static readonly (Type Owner, string[] Prefixes)[] Owners =
    [
        (typeof(ReasonCodes), ["trustroot.", "bundle.", "input.", "tlog.", "tsa.", "time.", "cert.", "key.", "signature.", "dsse.", "intoto.", "artifact.", "identity.", "regex."]),
        (typeof(TufReasons), ["tuf."]),
        (typeof(PolicyReasons), ["policy."]),
        (typeof(LegacyReasons), ["legacy."]),
        (typeof(ProvenanceReasons), ["provenance."]),
        (typeof(CueErrorCodes), ["cue."]),
        (typeof(SourceReason), ["source.", "registry."]),
        (typeof(CliReasons), ["usage", "marker.", "internal"]),
        (typeof(PodReasons), ["pod."]),
    ];

    private static IEnumerable<(Type Owner, string Code)> Declared() =>
        Owners.SelectMany(o => o.Owner.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (o.Owner, (string)f.GetRawConstantValue()!)));

    [Fact]
    public void Every_code_is_declared_once()
    {
        var duplicates = Declared().GroupBy(d => d.Code).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Every_declared_code_has_an_exit_code_and_the_table_lists_nothing_else()
    {
        var declared = Declared().Select(d => d.Code).ToHashSet();
        var unmapped = declared.Where(c => !ReasonCatalogue.Table.ContainsKey(c)).ToList();
        var undeclared = ReasonCatalogue.Table.Keys.Where(c => !declared.Contains(c)).ToList();
        Assert.True(unmapped.Count == 0, "no exit code for " + string.Join(", ", unmapped));
        Assert.True(undeclared.Count == 0, "listed but declared by no layer: " + string.Join(", ", undeclared));
        Assert.All(ReasonCatalogue.Table, e => Assert.InRange(e.Value, ExitCodes.Rejected, ExitCodes.Internal));
    }

    [Fact]
    public void Every_code_belongs_to_the_layer_that_declares_it()
    {
        foreach (var (owner, prefixes) in Owners)
        {
            foreach (var (_, code) in Declared().Where(d => d.Owner == owner))
            {
                Assert.True(prefixes.Any(p => code.StartsWith(p, StringComparison.Ordinal)), $"{owner.Name} declares {code}, outside {string.Join(", ", prefixes)}");
            }
        }
    }

    [Theory]
    [InlineData("policy.cue-violation", ExitCodes.Rejected)]
    [InlineData("policy.invalid", ExitCodes.Usage)]
    [InlineData("provenance.source-mismatch", ExitCodes.Rejected)]
    [InlineData("registry.unauthorized", ExitCodes.Usage)]
    [InlineData("source.unavailable", ExitCodes.Unavailable)]
    [InlineData("tuf.target-mismatch", ExitCodes.Rejected)]
    [InlineData("tuf.expired", ExitCodes.Usage)]
    [InlineData("internal", ExitCodes.Internal)]
    [InlineData("no.such-code", ExitCodes.Internal)]
    public void Codes_map_to_their_exit_codes(string code, int exit) => Assert.Equal(exit, ReasonCatalogue.ExitCodeFor(code));
}
