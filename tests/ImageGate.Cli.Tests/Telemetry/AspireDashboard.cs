using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace ImageGate.Cli.Tests.Telemetry;

/// <summary>
/// A real OTLP receiver: the Aspire dashboard (NuGet Aspire.Dashboard.Sdk.linux-x64, a self-contained executable,
/// restored by the test project's PackageDownload), started on free loopback ports. It takes OTLP over gRPC and over
/// HTTP/protobuf and gives back what it stored through its telemetry HTTP API (<c>/api/telemetry/...</c>, OTLP JSON).
/// </summary>
public sealed class AspireDashboard : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly HttpClient api;

    private AspireDashboard(Process process, int frontend, int grpc, int http)
    {
        this.process = process;
        api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{frontend}/"), Timeout = TimeSpan.FromSeconds(10) };
        GrpcEndpoint = $"http://127.0.0.1:{grpc}";
        HttpEndpoint = $"http://127.0.0.1:{http}";
    }

    /// <summary>The executable inside the restored package (its path is recorded at build time: the NuGet root varies).</summary>
    public static string Executable => typeof(AspireDashboard).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "AspireDashboardExecutable").Value!;

    /// <summary>OTLP/gRPC, for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> with protocol <c>grpc</c>.</summary>
    public string GrpcEndpoint { get; }

    /// <summary>OTLP/HTTP base address (the receiver serves <c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>).</summary>
    public string HttpEndpoint { get; }

    /// <summary>Starts the dashboard; with <paramref name="otlpApiKey"/>, OTLP requests without header <c>x-otlp-api-key</c> are refused.</summary>
    public static async Task<AspireDashboard> StartAsync(string? otlpApiKey = null)
    {
        var executable = Executable;
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException("the Aspire dashboard was not restored (PackageDownload in ImageGate.Cli.Tests.csproj)", executable);
        }
        // NuGet extracts it executable by its owner only; whoever runs the tests may need the bit set.
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(executable, File.GetUnixFileMode(executable) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        int frontend = FreePort(), grpc = FreePort(), http = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(executable)!,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{frontend}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{grpc}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{http}";
        start.Environment["Dashboard__Frontend__AuthMode"] = "Unsecured";
        start.Environment["Dashboard__Api__Enabled"] = "true";
        start.Environment["Dashboard__Api__AuthMode"] = "Unsecured";
        start.Environment["Dashboard__Otlp__AuthMode"] = otlpApiKey is null ? "Unsecured" : "ApiKey";
        if (otlpApiKey is not null)
        {
            start.Environment["Dashboard__Otlp__PrimaryApiKey"] = otlpApiKey;
        }
        // Nothing from the environment the tests run in: no OTLP export of the dashboard's own telemetry.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        var process = Process.Start(start)!;
        var dashboard = new AspireDashboard(process, frontend, grpc, http);
        process.OutputDataReceived += (_, e) => dashboard.Append(e.Data);
        process.ErrorDataReceived += (_, e) => dashboard.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await dashboard.WaitUntilReadyAsync(grpc, http);
        return dashboard;
    }

    /// <summary>Every resource (service) the dashboard has telemetry from.</summary>
    public async Task<IReadOnlyList<DashboardResource>> ResourcesAsync()
    {
        using var document = JsonDocument.Parse(await api.GetStringAsync(new Uri("api/telemetry/resources", UriKind.Relative)));
        return document.RootElement.EnumerateArray().Select(r => new DashboardResource(
            r.GetProperty("name").GetString()!,
            r.GetProperty("hasTraces").GetBoolean(),
            r.GetProperty("hasMetrics").GetBoolean(),
            r.GetProperty("hasLogs").GetBoolean())).ToList();
    }

    /// <summary>The resource named <paramref name="service"/> once it has every signal asked for, or null after <paramref name="timeout"/>.</summary>
    public async Task<DashboardResource?> WaitForAsync(string service, TimeSpan timeout, bool traces = false, bool metrics = false, bool logs = false)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var resource = (await ResourcesAsync()).FirstOrDefault(r => r.Name == service);
            if (resource is not null && (!traces || resource.HasTraces) && (!metrics || resource.HasMetrics) && (!logs || resource.HasLogs))
            {
                return resource;
            }
            if (deadline.Elapsed > timeout)
            {
                return resource;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The service's spans, as OTLP JSON (<c>resourceSpans</c>).</summary>
    public Task<JsonDocument> SpansAsync(string service) => GetAsync($"api/telemetry/spans?resource={Uri.EscapeDataString(service)}&limit=1000");

    /// <summary>The service's log records, as OTLP JSON (<c>resourceLogs</c>).</summary>
    public Task<JsonDocument> LogsAsync(string service) => GetAsync($"api/telemetry/logs?resource={Uri.EscapeDataString(service)}&limit=1000");

    /// <summary>What the dashboard printed, for a failure message.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        api.Dispose();
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }

    private async Task<JsonDocument> GetAsync(string path)
    {
        using var response = await api.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }

    /// <summary>Ready when the telemetry API answers and both OTLP ports accept connections.</summary>
    private async Task WaitUntilReadyAsync(int grpc, int http)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                break;
            }
            try
            {
                using var response = await api.GetAsync(new Uri("api/telemetry/resources", UriKind.Relative));
                if (response.IsSuccessStatusCode && await AcceptsAsync(grpc) && await AcceptsAsync(http))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        var exited = process.HasExited ? $"exited {process.ExitCode}" : "still not ready after 60 s";
        await DisposeAsync();
        throw new InvalidOperationException($"the Aspire dashboard did not start ({exited}):\n{Output}");
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    /// <summary>A loopback port free right now (the OS picks it; 4317/4318 are never assumed).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>One entry of <c>/api/telemetry/resources</c>: a service and which signals arrived from it.</summary>
public sealed record DashboardResource(string Name, bool HasTraces, bool HasMetrics, bool HasLogs);
