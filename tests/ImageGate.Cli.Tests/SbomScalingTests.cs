using System.Diagnostics;
using System.Globalization;
using ImageGate.Cli.Tests.Support;
using ImageGate.Testing.Pmg;
using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests;

/// <summary>
/// Issue 5's acceptance: "memory stays flat when [the SBOM] grows tenfold". Measured as the peak RSS of the real
/// process (GNU time's %M), compared between a 1.5 MB and a 15 MB SBOM; no clock is involved.
/// </summary>
public sealed class SbomScalingTests
{
    private const string TimeBinary = "/usr/bin/time";

    [Fact]
    public async Task Peak_memory_grows_by_at_most_twice_the_sbom_growth()
    {
        long small = await PeakRssKibAsync(1_500_000);
        long large = await PeakRssKibAsync(15_000_000);
        // The bundle layer is held once (its base64 text is 4/3 of the SBOM, the payload decoded into it in place);
        // a second copy of the payload, or anything per JSON node, would exceed this.
        long allowedKib = 2 * (15_000_000 - 1_500_000) / 1024;
        Assert.True(large - small <= allowedKib, $"peak RSS {small} KiB with a 1.5 MB SBOM, {large} KiB with 15 MB: grew {large - small} KiB, allowed {allowedKib}");
    }

    private static async Task<long> PeakRssKibAsync(int sbomBytes)
    {
        using var fixture = PmgSignedFixture.Create(new PmgFixtureOptions { SbomBytes = sbomBytes });
        using var workspace = new Workspace(fixture.TrustedRootJson());
        fixture.WriteLayout(workspace.Layout);
        var report = Path.Combine(workspace.Directory, "rss");
        var start = new ProcessStartInfo(TimeBinary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["-f", "%M", "-o", report, "dotnet", CliRunner.CliDll, "verify", fixture.IndexDigest,
            "--layout", workspace.Layout, "--preset", "pmg-exporter", "--trusted-root", workspace.TrustedRoot])
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{await stdout}\n{await stderr}");
        return long.Parse((await File.ReadAllLinesAsync(report, TestContext.Current.CancellationToken))[^1], CultureInfo.InvariantCulture);
    }
}
