namespace ImageGate.Cli.Tuf;

/// <summary><c>--tuf-metadata DIR</c> and <c>--tuf-require-fresh</c>: check the trust root against published TUF metadata.</summary>
internal sealed class TufArguments(string directory, bool requireFresh)
{
    public string Directory { get; } = directory;

    public bool RequireFresh { get; } = requireFresh;
}
