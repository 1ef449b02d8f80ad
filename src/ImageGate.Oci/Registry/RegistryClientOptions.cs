using ImageGate.Oci.Registry.Auth;
using ImageGate.Oci.Registry.Mirrors;

namespace ImageGate.Oci.Registry;

/// <summary>How the registry client connects, authenticates and retries.</summary>
public sealed class RegistryClientOptions
{
    /// <summary>Hosts (<c>host</c> or <c>host:port</c>) the user declared insecure: only these are spoken to over plain HTTP.</summary>
    public IReadOnlyCollection<string> InsecureHosts { get; init; } = [];

    /// <summary>A PEM file of extra CA certificates trusted for registry TLS, besides the system store.</summary>
    public string? CaFile { get; init; }

    /// <summary>One HTTP attempt, headers and body together.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The bound on one operation with all its retries and back-off waits.</summary>
    public TimeSpan RetryBudget { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Redirects followed for one request (registries send blob GETs to a storage host: one hop, rarely two).</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>Attempts per operation, the first included.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The first back-off; it doubles per attempt up to <see cref="MaxBackoff"/>, with jitter.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Credentials by registry; anonymous when null or when a registry has none.</summary>
    public CredentialStore? Credentials { get; init; }

    /// <summary>
    /// Mirrors by registry as an image reference names it (<c>docker.io</c>, <c>ghcr.io</c>, <c>host:port</c>;
    /// case-insensitive). A registry not listed is read directly.
    /// </summary>
    public IReadOnlyDictionary<string, MirrorSet> Mirrors { get; init; } = new Dictionary<string, MirrorSet>();

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Replaces the socket handler (tests use an in-process server); TLS and connection options then do not apply.</summary>
    public HttpMessageHandler? Handler { get; init; }
}
