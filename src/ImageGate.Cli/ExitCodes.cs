namespace ImageGate.Cli;

/// <summary>The process exit codes of every command (docs/architecture.md, "Principles").</summary>
internal static class ExitCodes
{
    public const int Verified = 0;
    public const int Rejected = 1;
    public const int Usage = 2;
    public const int Unavailable = 3;
    public const int Internal = 4;
}
