using ImageGate.Verification.Report;

namespace ImageGate.Cli.Output;

/// <summary>
/// What slsa-verifier writes, so scripts written for it keep working: progress and the verdict on stderr, and on
/// stdout only the provenance statements <c>--print-provenance</c> asks for (as signed, one per line).
/// </summary>
internal static class SlsaVerifierOutput
{
    public const string Passed = "PASSED: Verified SLSA provenance";
    public const string Failed = "FAILED: SLSA verification failed";

    public static void WriteBuilder(string builderId, string? commit) =>
        Console.Error.WriteLine($"Verified build using builder \"{builderId}\" at commit {commit ?? "(not recorded)"}");

    public static void WriteStatement(ReadOnlySpan<byte> statement)
    {
        using var stdout = Console.OpenStandardOutput();
        stdout.Write(statement);
        stdout.WriteByte((byte)'\n');
    }

    /// <summary>verify-image's success: each provenance checked by slsa-verifier's rules, then the verdict.</summary>
    public static void WritePassed(VerificationReport report, bool printProvenance)
    {
        foreach (var evidence in report.Requirements.Select(r => r.Evidence).Where(e => e?.BuilderId is not null))
        {
            WriteBuilder(evidence!.BuilderId!, evidence.SourceCommit);
            if (printProvenance && evidence.Statement is { } statement)
            {
                WriteStatement(statement.Span);
            }
        }
        Console.Error.WriteLine(Passed);
    }
}
