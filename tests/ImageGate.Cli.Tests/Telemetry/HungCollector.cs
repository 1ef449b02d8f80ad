using System.Net;
using System.Net.Sockets;

namespace ImageGate.Cli.Tests.Telemetry;

/// <summary>
/// A collector that accepts TCP connections and never answers: no HTTP/2 settings, no HTTP response, nothing. Each
/// socket is held open until disposal, so an exporter waits on it until its own timeout.
/// </summary>
public sealed class HungCollector : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> held = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;

    private HungCollector()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    public string Endpoint => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    /// <summary>How many connections it accepted: none would mean the exporter never tried, and the test proved nothing.</summary>
    public int Accepted
    {
        get
        {
            lock (held)
            {
                return held.Count;
            }
        }
    }

    public static HungCollector Start() => new();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        lock (held)
        {
            foreach (var socket in held)
            {
                socket.Dispose();
            }
        }
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var socket = await listener.AcceptSocketAsync(stop.Token);
            lock (held)
            {
                held.Add(socket);
            }
        }
    }
}
