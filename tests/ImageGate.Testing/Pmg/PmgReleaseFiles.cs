using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ImageGate.Testing.Oci;
using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Testing.Pmg;

/// <summary>
/// The Python files of a pmg-exporter release as its pipeline uploads them (docs/pmg-exporter-release.md §2b): the
/// wheel, the sdist and <c>multiple.intoto.jsonl</c>, one Sigstore bundle over SLSA v0.2 provenance from
/// generator_generic_slsa3.yml@v2.1.0 whose subjects are both files, signed by the fixture's virtual Sigstore for
/// the run of tag <paramref name="Tag"/>.
/// </summary>
public sealed record PmgReleaseFiles(string Directory, string Tag)
{
    public const string GenericGenerator = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v2.1.0";

    public string Wheel => Path.Combine(Directory, $"pmg_exporter-{Tag.TrimStart('v')}-py3-none-any.whl");

    public string Sdist => Path.Combine(Directory, $"pmg_exporter-{Tag.TrimStart('v')}.tar.gz");

    public string Provenance => Path.Combine(Directory, "multiple.intoto.jsonl");

    /// <summary>Writes the release files of <paramref name="tag"/> into <paramref name="directory"/>; the wheel has
    /// <paramref name="wheelBytes"/> bytes when given (the speed script's 1.4 MB artifact).</summary>
    public static PmgReleaseFiles Write(PmgSignedFixture fixture, string directory, string tag = PmgNames.Version, int? wheelBytes = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var files = new PmgReleaseFiles(directory, tag);
        System.IO.Directory.CreateDirectory(directory);
        var wheel = Encoding.UTF8.GetBytes($"PK\u0003\u0004 pmg_exporter {tag} wheel");
        if (wheelBytes is { } size)
        {
            Array.Resize(ref wheel, size);
            new Random(size).NextBytes(wheel.AsSpan(64));
        }
        File.WriteAllBytes(files.Wheel, wheel);
        File.WriteAllBytes(files.Sdist, Encoding.UTF8.GetBytes($"\u001f\u008b pmg_exporter {tag} sdist"));

        // The container provenance with the generic generator's builder and both files as subjects, retagged.
        var statement = PmgStatements.Provenance(new string('0', 64));
        var subjects = new JsonArray();
        foreach (var file in new[] { files.Wheel, files.Sdist })
        {
            subjects.Add((JsonNode)new JsonObject
            {
                ["name"] = Path.GetFileName(file),
                ["digest"] = new JsonObject { ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))) },
            });
        }
        statement["subject"] = subjects;
        statement["predicate"]!["builder"]!["id"] = GenericGenerator;
        statement["predicate"]!["buildType"] = "https://github.com/slsa-framework/slsa-github-generator/generic@v1";
        var bytes = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(OciContent.Serialize(statement))
            .Replace("refs/tags/" + PmgNames.Version, "refs/tags/" + tag, StringComparison.Ordinal));
        var bundle = fixture.Sigstore.SignDsse(bytes, new SignOptions
        {
            SubjectAlternativeName = GenericGenerator,
            Issuer = PmgNames.Issuer,
            ExtraExtensions = PmgCertificates.ReleaseRunExtensions(GenericGenerator, tag),
        });
        File.WriteAllBytes(files.Provenance, [.. bundle.ToBytes(), (byte)'\n']);
        return files;
    }
}
