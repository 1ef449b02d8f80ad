using ImageGate.Cli.Reasons;
using ImageGate.Sigstore;

namespace ImageGate.Cli.Kubernetes;

/// <summary>
/// The in-cluster credentials every pod gets (Kubernetes' "Accessing the API from a Pod"): the API server from
/// <c>KUBERNETES_SERVICE_HOST</c> and <c>_PORT</c>, and the token, CA and namespace the kubelet mounts at
/// <c>/var/run/secrets/kubernetes.io/serviceaccount</c>. Anything missing is a configuration error (exit 2): the pod
/// check was asked for and cannot be made, so nothing passes.
/// </summary>
internal sealed record ServiceAccount(Uri ApiServer, string Token, string CaFile, string Namespace)
{
    public const string DefaultDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>A token or namespace file larger than this is not one.</summary>
    private const long MaxFileBytes = 64 * 1024;

    public static Failure? TryLoad(string directory, Func<string, string?> environment, out ServiceAccount? account)
    {
        account = null;
        string? host = environment("KUBERNETES_SERVICE_HOST"), port = environment("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrWhiteSpace(host) || string.IsNullOrWhiteSpace(port) || !int.TryParse(port, out int number) || number is < 1 or > 65535)
        {
            return new Failure(PodReasons.NotInCluster, $"expected KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT (set in every pod); found \"{host}\" and \"{port}\"");
        }
        // An IPv6 service address needs brackets in a URI.
        string authority = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{number}" : $"{host}:{number}";
        if (Read(directory, "token", out var token) is { } noToken)
        {
            return noToken;
        }
        if (Read(directory, "namespace", out var ns) is { } noNamespace)
        {
            return noNamespace;
        }
        string ca = Path.Combine(directory, "ca.crt");
        if (!File.Exists(ca))
        {
            return new Failure(PodReasons.NotInCluster, $"expected the cluster CA at {ca}; there is none (is automountServiceAccountToken off?)");
        }
        account = new ServiceAccount(new Uri($"https://{authority}/"), token.Trim(), ca, ns.Trim());
        return null;
    }

    private static Failure? Read(string directory, string name, out string text)
    {
        text = string.Empty;
        var path = Path.Combine(directory, name);
        if (InputFiles.TryRead(path, "service account " + name, MaxFileBytes, out var bytes) is { } refused)
        {
            return new Failure(PodReasons.NotInCluster, refused.Message + " (is automountServiceAccountToken off?)");
        }
        text = System.Text.Encoding.UTF8.GetString(bytes);
        return string.IsNullOrWhiteSpace(text) ? new Failure(PodReasons.NotInCluster, $"expected a value in {path}; it is empty") : null;
    }
}
