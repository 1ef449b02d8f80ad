using System.Diagnostics;

namespace ImageGate.Cli.Tests.Support;

/// <summary>Runs a script or a command line with bash, as a user of the repository would, with a hard stop.</summary>
internal static class Bash
{
    /// <summary>Runs <c>bash ARGS...</c>; returns the exit code and stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IEnumerable<string> args, TimeSpan limit,
        IReadOnlyDictionary<string, string>? environment = null, string? directory = null)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory ?? string.Empty };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var guard = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bash {string.Join(' ', args)} did not finish within {limit}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
