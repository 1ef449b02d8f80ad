using ImageGate.Cli.Tests.Support;
using System.Text.RegularExpressions;

namespace ImageGate.Cli.Tests.Architecture;

/// <summary>
/// Every rule the code cites lives inside the repository (docs/README.md, "How code cites these files"):
/// `docs/FILE.md §N` and later bare `§N` in the same file resolve to a numbered heading, `docs/FILE.md, "Heading"`
/// to a heading with that text, `RFC N §x` to a heading in docs/standards.md; no file points at a document outside
/// the repository, and the README files and docs link only to files that exist inside it.
/// </summary>
public sealed partial class DocReferenceTests
{
    private static readonly string[] Roots = ["src", "tests", "scripts", "deploy"];
    private static readonly string[] Extensions = [".cs", ".sh", ".csproj", ".md", ".yaml", ".go"];

    [GeneratedRegex(@"docs/([a-z0-9-]+\.md)(?:, ""([^""]+)"")?|RFC (\d+) §([0-9][0-9.]*[0-9a-z]?)|§([0-9][0-9a-z.]*[0-9a-z]|[0-9])")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^#+\s+(.*)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"\]\(([^)#\s]+)(?:#[^)]*)?\)")]
    private static partial Regex MarkdownLink();


    [Fact]
    public void Every_section_reference_resolves_to_a_heading_in_docs()
    {
        var broken = new List<string>();
        foreach (var file in SourceFiles())
        {
            var lines = File.ReadAllLines(file);
            var current = "verification.md";
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match m in Reference().Matches(lines[i]))
                {
                    var where = $"{Path.GetRelativePath(RepositoryRoot.Path, file)}:{i + 1}: {m.Value}";
                    if (m.Groups[1].Success)
                    {
                        current = m.Groups[1].Value;
                        if (!File.Exists(Doc(current)))
                        {
                            broken.Add(where + " (no such file in docs/)");
                        }
                        else if (m.Groups[2].Success && !Headings(current).Contains(m.Groups[2].Value))
                        {
                            broken.Add(where + $" (no heading \"{m.Groups[2].Value}\" in docs/{current})");
                        }
                    }
                    else if (m.Groups[3].Success)
                    {
                        var rfc = $"RFC {m.Groups[3].Value} §{m.Groups[4].Value}";
                        if (!Headings("standards.md").Any(h => h == rfc || h.StartsWith(rfc + " ", StringComparison.Ordinal)))
                        {
                            broken.Add(where + " (no heading in docs/standards.md)");
                        }
                    }
                    else if (File.Exists(Doc(current)) && !Numbers(current).Contains(m.Groups[5].Value))
                    {
                        broken.Add(where + $" (no section {m.Groups[5].Value} in docs/{current})");
                    }
                }
            }
        }
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    [Fact]
    public void Nothing_points_at_a_document_outside_the_repository()
    {
        string[] outside = ["../shared", "shared/docs", "shared/testdata", "sigstore-offline-verification.md"];
        var found = SourceFiles().Append(Path.Combine(RepositoryRoot.Path, "README.md")).Append(Path.Combine(RepositoryRoot.Path, "Dockerfile"))
            .SelectMany(f => File.ReadAllLines(f).Select((l, i) => (f, i, l)))
            .Where(x => outside.Any(o => x.l.Contains(o, StringComparison.Ordinal)))
            .Select(x => $"{Path.GetRelativePath(RepositoryRoot.Path, x.f)}:{x.i + 1}: {x.l.Trim()}")
            .ToList();
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public void Markdown_links_stay_inside_the_repository_and_resolve()
    {
        var documents = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "docs"), "*.md")
            .Append(Path.Combine(RepositoryRoot.Path, "README.md"))
            .Append(Path.Combine(RepositoryRoot.Path, "deploy", "README.md"));
        var broken = new List<string>();
        foreach (var document in documents)
        {
            foreach (Match m in MarkdownLink().Matches(File.ReadAllText(document)))
            {
                var target = m.Groups[1].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }
                var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, target));
                if (!resolved.StartsWith(RepositoryRoot.Path + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    || !(File.Exists(resolved) || Directory.Exists(resolved)))
                {
                    broken.Add($"{Path.GetRelativePath(RepositoryRoot.Path, document)}: {target}");
                }
            }
        }
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    [Fact]
    public void The_reference_pattern_sees_each_form()
    {
        var forms = Reference().Matches("docs/verification.md §4.7, then §1a and §2b.6; RFC 6962 §3.2; docs/marker.md, \"Schema\"")
            .Select(m => m.Value).ToList();
        Assert.Equal(["docs/verification.md", "§4.7", "§1a", "§2b.6", "RFC 6962 §3.2", "docs/marker.md, \"Schema\""], forms);
    }

    private static IEnumerable<string> SourceFiles() =>
        Roots.Select(r => Path.Combine(RepositoryRoot.Path, r))
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => Extensions.Contains(Path.GetExtension(f)) && Path.GetFileName(f) != "DocReferenceTests.cs")
            // deploy/schema/node_modules (npm ci) holds other projects' READMEs, citing their own docs/.
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}fixtures{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Fixtures{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Cases{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                // Installed npm packages (deploy/schema) are third-party text, not the project's citations.
                && !f.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string Doc(string name) => Path.Combine(RepositoryRoot.Path, "docs", name);

    private static HashSet<string> Headings(string doc) =>
        Heading().Matches(File.ReadAllText(Doc(doc))).Select(m => m.Groups[1].Value.Trim()).ToHashSet(StringComparer.Ordinal);

    /// <summary>The section numbers of a doc: the first word of each numbered heading ("4.7 Legacy layers" gives 4.7).</summary>
    private static HashSet<string> Numbers(string doc) =>
        Headings(doc).Select(h => h.Split(' ')[0]).Where(n => n.Length > 0 && char.IsAsciiDigit(n[0])).ToHashSet(StringComparer.Ordinal);
}
