namespace ImageGate.Testing.VirtualSigstore;

/// <summary>
/// A whole Sigstore deployment in memory (the idea of sigstore-go's testing/ca VirtualSigstore): Fulcio,
/// a Rekor v1 shard, a Rekor v2 log, a CT log and a TSA, the <c>trusted_root.json</c> that describes them, and
/// signing that yields valid bundles. Nothing here calls the verifier: every format is written from the spec.
/// </summary>
public sealed partial class VirtualSigstore : IDisposable
{
    public const string DefaultIdentity = "https://github.com/virtual/repo/.github/workflows/build.yml@refs/heads/main";
    public const string DefaultIssuer = "https://token.actions.githubusercontent.com";

    /// <summary>The default clock start: a fixed instant, so runs are reproducible.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public VirtualSigstore(TimeProvider? clock = null, string name = "virtual")
    {
        Clock = clock ?? new VirtualClock(DefaultStart);
        Created = Der.WholeSeconds(Clock.GetUtcNow());
        // Authorities live a year around creation; tests narrow things through validFor windows or cert offsets.
        var notBefore = Created.AddDays(-30);
        var notAfter = Created.AddDays(365);
        Fulcio = new VirtualFulcio(notBefore, notAfter, $"{name}-fulcio");
        Tsa = new VirtualTsa(notBefore, notAfter, $"{name}-tsa");
        Rekor = new VirtualRekorLog($"rekor.{name}.test");
        RekorV2 = new VirtualRekorV2Log($"log2025.rekor.{name}.test");
        CtLog = new VirtualCtLog($"https://ctfe.{name}.test/2025");
    }

    public TimeProvider Clock { get; }

    /// <summary>When the deployment was created (whole seconds); default validFor windows start a day earlier.</summary>
    public DateTimeOffset Created { get; }

    public VirtualFulcio Fulcio { get; }

    public VirtualTsa Tsa { get; }

    public VirtualRekorLog Rekor { get; }

    public VirtualRekorV2Log RekorV2 { get; }

    public VirtualCtLog CtLog { get; }

    public Window DefaultWindow => new(Created.AddDays(-1));

    public byte[] TrustedRootJson(TrustedRootOptions? options = null) => TrustedRootWriter.Write(this, options ?? new TrustedRootOptions());

    public void Dispose()
    {
        Fulcio.Dispose();
        Tsa.Dispose();
        Rekor.Dispose();
        RekorV2.Dispose();
        CtLog.Dispose();
    }
}
