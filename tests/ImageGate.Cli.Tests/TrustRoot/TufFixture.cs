namespace ImageGate.Cli.Tests.TrustRoot;

/// <summary>
/// The real public-good TUF metadata (tests/fixtures/tuf/sigstore-public-good, sigstore/root-signing 60cf2ce) as a
/// directory the CLI mounts, copied per test so a test can tamper with its copy.
/// </summary>
internal sealed class TufFixture : IDisposable
{
    public static readonly string Source = Path.Combine(AppContext.BaseDirectory, "fixtures", "tuf", "sigstore-public-good");

    public static readonly string StagingRoot = Path.Combine(AppContext.BaseDirectory, "fixtures", "trusted-roots", "staging.trusted_root.json");

    /// <summary>Every file is fresh at this time; the machine's clock is later than timestamp v762's expiry.</summary>
    public static readonly DateTimeOffset Fresh = new(2026, 8, 22, 0, 0, 0, TimeSpan.Zero);

    public TufFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("imagegate-tuf-").FullName;
        Metadata = Path.Combine(Directory, "tuf");
        System.IO.Directory.CreateDirectory(Metadata);
        foreach (var file in System.IO.Directory.GetFiles(Source, "*.json"))
        {
            var name = Path.GetFileName(file);
            File.Copy(file, name == "trusted_root.json" ? TrustedRoot : Path.Combine(Metadata, name));
        }
    }

    public string Directory { get; }

    /// <summary>The metadata directory (--tuf-metadata).</summary>
    public string Metadata { get; }

    /// <summary>The genuine trusted_root.json (--trusted-root).</summary>
    public string TrustedRoot => Path.Combine(Directory, "trusted_root.json");

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
