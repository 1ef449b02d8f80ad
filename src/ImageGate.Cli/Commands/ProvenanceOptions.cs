using System.CommandLine;
using ImageGate.Verification.Provenance;

namespace ImageGate.Cli.Commands;

/// <summary>
/// slsa-verifier's source and builder flags, declared once for <c>verify-artifact</c>, <c>verify-image</c> and
/// <c>verify</c> (docs/provenance.md §5). On <c>verify</c> they are optional; any of them needs <c>--source-uri</c>.
/// </summary>
internal sealed class ProvenanceOptions(bool sourceRequired)
{
    public Option<string?> SourceUri { get; } = new("--source-uri") { Description = "The source repository that must have produced it, e.g. github.com/owner/repo.", Required = sourceRequired };

    public Option<string?> Branch { get; } = new("--source-branch") { Description = "The branch it must have been built from." };

    public Option<string?> Tag { get; } = new("--source-tag") { Description = "The exact tag it must have been built from." };

    public Option<string?> VersionedTag { get; } = new("--source-versioned-tag") { Description = "A semantic version the build's tag must match: v1 accepts v1.x.y, v1.2 accepts v1.2.y." };

    public Option<string?> BuilderId { get; } = new("--builder-id") { Description = "The builder workflow that must have signed, https://github.com/OWNER/REPO/PATH[@REF]." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { SourceUri, Branch, Tag, VersionedTag, BuilderId })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The expectations (null when no flag was given), or the usage error: a flag without
    /// <c>--source-uri</c>, or contradictory or malformed values.</summary>
    public string? TryRead(ParseResult parse, out ProvenanceExpectations? expected)
    {
        expected = null;
        var source = parse.GetValue(SourceUri);
        string?[] others = [parse.GetValue(Branch), parse.GetValue(Tag), parse.GetValue(VersionedTag), parse.GetValue(BuilderId)];
        if (source is null)
        {
            return others.Any(o => o is not null)
                ? "--source-branch, --source-tag, --source-versioned-tag and --builder-id check SLSA provenance: give --source-uri as well"
                : null;
        }
        expected = new ProvenanceExpectations(source) { Branch = others[0], Tag = others[1], VersionedTag = others[2], BuilderId = others[3] };
        var problem = expected.Validate();
        if (problem is not null)
        {
            expected = null;
        }
        return problem;
    }
}
