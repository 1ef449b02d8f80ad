using System.Text;

namespace ImageGate.Cli.Tests.Support;

/// <summary>A temp directory per test: the trusted root, the marker and SBOM paths, and room for a layout. Deleted on dispose.</summary>
public sealed class Workspace : IDisposable
{
    public Workspace(byte[] trustedRoot)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("imagegate-e2e-").FullName;
        TrustedRoot = Path.Combine(Directory, "trusted_root.json");
        File.WriteAllBytes(TrustedRoot, trustedRoot);
    }

    public string Directory { get; }

    public string TrustedRoot { get; }

    public string Layout => Path.Combine(Directory, "layout");

    public string Marker => Path.Combine(Directory, "run", "verified.json");

    public string Sbom => Path.Combine(Directory, "run", "sbom.cdx.json");

    /// <summary>
    /// A marker left by an earlier run that `check` would accept for <paramref name="digest"/>: a failing run
    /// must remove it before doing anything else.
    /// </summary>
    public void PlantStaleMarker(string digest)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Marker)!);
        File.WriteAllText(Marker, MarkerJson(digest), new UTF8Encoding(false));
    }

    /// <summary>A marker with every field `imagegate verify` writes, naming <paramref name="digest"/>.</summary>
    public static string MarkerJson(string digest) => $$"""
        {"schemaVersion":1,"image":"ghcr.io/natrontech/pmg-exporter@{{digest}}","digest":"{{digest}}",
         "verifiedAt":"2026-12-01T00:00:00+00:00","trustRootDigest":"sha256:{{new string('b', 64)}}",
         "policy":{"name":"pmg-exporter","digest":"sha256:{{new string('c', 64)}}"},
         "requirements":[{"name":"signature","predicateType":"https://sigstore.dev/cosign/sign/v1"}]}
        """;

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
