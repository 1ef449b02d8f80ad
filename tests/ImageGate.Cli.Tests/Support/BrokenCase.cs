using ImageGate.Testing.Pmg;

namespace ImageGate.Cli.Tests.Support;

/// <summary>
/// A pmg-shaped release with exactly one thing wrong, and the reason code the CLI must print for it (exit 1).
/// </summary>
public sealed record BrokenCase(string Name, string Reason)
{
    /// <summary>The knobs; negative cases use a small SBOM, the size is not what they test.</summary>
    public Func<PmgFixtureOptions> Options { get; init; } = () => new PmgFixtureOptions { SbomBytes = BrokenCases.SmallSbom };

    /// <summary>What to verify (default: the index digest).</summary>
    public Func<PmgSignedFixture, string>? Image { get; init; }

    /// <summary>A stored blob to corrupt after publishing.</summary>
    public Func<PmgSignedFixture, string>? CorruptBlob { get; init; }

    /// <summary>Give the CLI another Sigstore deployment's trusted_root.json.</summary>
    public bool WrongTrustedRoot { get; init; }

    public override string ToString() => Name;
}
