using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ImageGate.Testing.Tls;
using Org.BouncyCastle.Crypto.Generators;

namespace ImageGate.Testing.Processes;

/// <summary>
/// Debian's <c>docker-registry</c> (distribution 2.8) started for one test class on a free loopback port,
/// with a generated config in a temp directory; optionally htpasswd Basic auth (bcrypt line made here) and
/// TLS with a CA generated here; or a pull-through cache of another registry (distribution's proxy mode), which
/// must be running first (the proxy checks its upstream as it starts). Stopped and deleted on dispose. Only ever
/// listens on 127.0.0.1.
/// </summary>
public sealed class DockerRegistryProcess : IAsyncDisposable
{
    public const string Binary = "/usr/bin/docker-registry";

    private readonly Process process;
    private readonly string directory;

    private DockerRegistryProcess(Process process, string directory, Uri baseAddress, string? caFile)
    {
        this.process = process;
        this.directory = directory;
        BaseAddress = baseAddress;
        CaFile = caFile;
    }

    public Uri BaseAddress { get; }

    /// <summary>host:port, e.g. 127.0.0.1:40123.</summary>
    public string Host => $"{BaseAddress.Host}:{BaseAddress.Port}";

    /// <summary>PEM of the generated CA when TLS is on.</summary>
    public string? CaFile { get; }

    public static bool IsInstalled => File.Exists(Binary);

    /// <summary>A pull-through cache of <paramref name="upstream"/>: it fetches from there on a miss and keeps what it served.</summary>
    public static Task<DockerRegistryProcess> StartProxyAsync(Uri upstream) => StartAsync(proxyOf: upstream);

    public static async Task<DockerRegistryProcess> StartAsync(string? user = null, string? password = null, bool tls = false, Uri? proxyOf = null)
    {
        var directory = Directory.CreateTempSubdirectory("imagegate-registry-").FullName;
        var port = FreePort();
        var config = new StringBuilder();
        config.AppendLine("version: 0.1");
        config.AppendLine("log:\n  level: error\n  accesslog:\n    disabled: true");
        config.AppendLine($"storage:\n  filesystem:\n    rootdirectory: {directory}/data\n  delete:\n    enabled: true");
        config.AppendLine($"http:\n  addr: 127.0.0.1:{port}\n  secret: {Convert.ToHexString(RandomNumberGenerator.GetBytes(16))}");
        string? caFile = null;
        if (tls)
        {
            caFile = Path.Combine(directory, "ca.pem");
            var (caPem, certPem, keyPem) = TestCertificates.Create();
            File.WriteAllText(caFile, caPem);
            File.WriteAllText(Path.Combine(directory, "server.pem"), certPem);
            File.WriteAllText(Path.Combine(directory, "server.key"), keyPem);
            config.AppendLine($"  tls:\n    certificate: {directory}/server.pem\n    key: {directory}/server.key");
        }
        if (user is not null)
        {
            File.WriteAllText(Path.Combine(directory, "htpasswd"), $"{user}:{BcryptHash(password!)}\n");
            config.AppendLine($"auth:\n  htpasswd:\n    realm: imagegate-test\n    path: {directory}/htpasswd");
        }
        if (proxyOf is not null)
        {
            config.AppendLine($"proxy:\n  remoteurl: {proxyOf.GetLeftPart(UriPartial.Authority)}");
        }
        File.WriteAllText(Path.Combine(directory, "config.yml"), config.ToString());

        var start = new ProcessStartInfo(Binary)
        {
            ArgumentList = { "serve", Path.Combine(directory, "config.yml") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (stderr) { stderr.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var baseAddress = new Uri($"{(tls ? "https" : "http")}://127.0.0.1:{port}/");
        var registry = new DockerRegistryProcess(process, directory, baseAddress, caFile);
        // Wait (bounded) until it accepts connections.
        for (var i = 0; i < 200; i++)
        {
            if (process.HasExited)
            {
                break;
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return registry;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        await registry.DisposeAsync();
        lock (stderr)
        {
            throw new InvalidOperationException($"docker-registry did not start on port {port}: {stderr}");
        }
    }

    /// <summary>
    /// Flips one byte of a stored blob in the registry's filesystem storage (distribution keeps no digest cache in
    /// this config and does not re-hash on read), so the registry then serves content that no longer matches its
    /// digest: what a compromised or broken mirror would do.
    /// </summary>
    public void CorruptBlob(string digest)
    {
        var hex = digest[(digest.IndexOf(':') + 1)..];
        var path = Path.Combine(directory, "data", "docker", "registry", "v2", "blobs", "sha256", hex[..2], hex, "data");
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>An HttpClient for pushing fixtures (trusting the generated CA when TLS is on).</summary>
    public HttpClient CreatePushClient()
    {
        var handler = new SocketsHttpHandler();
        if (CaFile is not null)
        {
            var ca = X509CertificateLoader.LoadCertificateFromFile(CaFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return cert is not null && chain.Build(X509CertificateLoader.LoadCertificate(cert.GetRawCertData()));
            };
        }
        return new HttpClient(handler);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>An htpasswd bcrypt hash; the registry (Go x/crypto/bcrypt) accepts $2a$. Low cost: this is a test.</summary>
    private static string BcryptHash(string password) =>
        OpenBsdBCrypt.Generate("2a", password.ToCharArray(), RandomNumberGenerator.GetBytes(16), 6);
}
