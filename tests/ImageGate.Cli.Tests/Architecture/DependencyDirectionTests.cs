using System.Reflection;
using System.Xml.Linq;

namespace ImageGate.Cli.Tests.Architecture;

/// <summary>
/// Dependencies point one way (docs/architecture.md, "Assemblies and the direction of their references"):
/// Cli -> Verification -> (Sigstore, Oci, Cue); Sigstore -> Re2; Cue -> Re2. Read from the built assemblies'
/// references (what the compiler kept) and from the project files (what could be used tomorrow), so an arrow that
/// runs back fails here before anyone builds on it.
/// </summary>
public sealed class DependencyDirectionTests
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["ImageGate.Re2"] = [],
        ["ImageGate.Oci"] = [],
        ["ImageGate.Sigstore"] = ["ImageGate.Re2"],
        ["ImageGate.Cue"] = ["ImageGate.Re2"],
        ["ImageGate.Verification"] = ["ImageGate.Sigstore", "ImageGate.Oci", "ImageGate.Cue"],
    };

    public static TheoryData<string> Libraries => new(Allowed.Keys);

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Assembly_references_only_what_the_design_allows(string name)
    {
        var references = Assembly.Load(name).GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(r => r.StartsWith("ImageGate.", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(references.Except(Allowed[name]));
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Project_file_references_only_what_the_design_allows(string name)
    {
        var project = Path.Combine(SourceRoot(), name, name + ".csproj");
        var references = XDocument.Load(project).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value))
            .ToList();
        Assert.Empty(references.Except(Allowed[name]));
    }

    [Fact]
    public void Every_source_project_is_covered()
    {
        var projects = Directory.GetDirectories(SourceRoot()).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Allowed.Keys.Append("ImageGate.Cli").Order(StringComparer.Ordinal), projects);
    }

    [Fact]
    public void Sigstore_and_Oci_never_reference_each_other_or_anything_above_them()
    {
        foreach (var leaf in new[] { "ImageGate.Sigstore", "ImageGate.Oci" })
        {
            var references = Assembly.Load(leaf).GetReferencedAssemblies().Select(r => r.Name).ToList();
            Assert.DoesNotContain("ImageGate.Verification", references);
            Assert.DoesNotContain("ImageGate.Cue", references);
            Assert.DoesNotContain("ImageGate.Cli", references);
            Assert.DoesNotContain(leaf == "ImageGate.Oci" ? "ImageGate.Sigstore" : "ImageGate.Oci", references);
        }
    }

    private static string SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "global.json")) && Directory.Exists(Path.Combine(dir.FullName, "src")))
            {
                return Path.Combine(dir.FullName, "src");
            }
        }
        throw new InvalidOperationException("repository root (global.json beside src/) not found above " + AppContext.BaseDirectory);
    }
}
