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
        File.WriteAllText(Marker, $"{{\"schemaVersion\":1,\"digest\":\"{digest}\"}}", Encoding.UTF8);
    }

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
