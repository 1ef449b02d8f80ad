using System.Diagnostics;

namespace ImageGate.Testing.Processes;

/// <summary>Runs the built CLI (<c>dotnet imagegate.dll</c>) as a separate process, as a user would, with a hard stop so nothing hangs.</summary>
public static class CliRunner
{
    public static string CliDll
    {
        get
        {
            // ArtifactsPath layout: artifacts/bin/<Project>/<config>/; this assembly is at artifacts/bin/ImageGate.Oci.Tests/<config>/.
            var here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            var config = Path.GetFileName(here);
            var bin = Path.GetDirectoryName(Path.GetDirectoryName(here))!;
            return Path.Combine(bin, "ImageGate.Cli", config, "imagegate.dll");
        }
    }

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        RunWithEnvironmentAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs with extra environment variables (an empty value is set as empty, not removed).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(environment, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("imagegate did not exit: " + string.Join(' ', args));
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>How the CLI is started: <c>dotnet imagegate.dll ARGS</c> with both streams redirected.</summary>
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        start.ArgumentList.Add(CliDll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        return start;
    }
}
