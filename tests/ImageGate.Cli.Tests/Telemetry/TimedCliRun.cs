using System.Diagnostics;
using System.Text;
using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests.Telemetry;

/// <summary>
/// The real CLI process (as <see cref="CliRunner"/> runs it), timed: when its verdict line (slsa-verifier's
/// <c>PASSED:</c> or <c>FAILED:</c>) appeared and when the process exited.
/// </summary>
public sealed record TimedCliRun(int ExitCode, string Output, TimeSpan Total, TimeSpan? Verdict)
{
    /// <summary>What the process spent between printing its verdict and exiting.</summary>
    public TimeSpan AfterVerdict => Total - (Verdict ?? Total);

    public static async Task<TimedCliRun> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var output = new StringBuilder();
        TimeSpan? verdict = null;
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = CliRunner.StartInfo(environment, args) };
        void Line(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (output)
            {
                if (verdict is null && (line.StartsWith("PASSED:", StringComparison.Ordinal) || line.StartsWith("FAILED:", StringComparison.Ordinal)))
                {
                    verdict = clock.Elapsed;
                }
                output.AppendLine(line);
            }
        }
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("imagegate did not exit: " + string.Join(' ', args));
        }
        var total = clock.Elapsed;
        lock (output)
        {
            return new TimedCliRun(process.ExitCode, output.ToString(), total, verdict);
        }
    }
}
