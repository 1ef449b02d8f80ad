using System.CommandLine;
using ImageGate.Cli.Kubernetes;
using ImageGate.Cli.Reasons;
using ImageGate.Oci;
using ImageGate.Sigstore;

namespace ImageGate.Cli.Commands;

/// <summary>
/// What <c>check</c> and <c>exec</c> both need: the marker and the digest it must name. The digest is required
/// (<c>--digest</c> or <c>IMAGEGATE_DIGEST</c>): a gate that accepts whatever digest a marker names would admit a
/// marker left for another image. Both are resolved before the marker is read; a missing one is exit 2.
/// </summary>
internal sealed class GateOptions
{
    public Option<string?> Marker { get; } = new("--marker") { Description = "The readiness marker written by `imagegate verify` (IMAGEGATE_MARKER)." };

    public Option<string?> Digest { get; } = new("--digest") { Description = "The digest the marker must name, sha256:<hex> (IMAGEGATE_DIGEST); required." };

    /// <summary>docs/pod-check.md §1: the running container's pulled digest must be the marker's.</summary>
    public Option<string?> PodSelfCheck { get; } = new("--pod-self-check") { Description = "Also require, from this pod's own object, that CONTAINER's spec image is pinned to the digest and its imageID names it." };

    public PodOptions Pod { get; } = new();

    public void AddTo(Command command)
    {
        command.Options.Add(Marker);
        command.Options.Add(Digest);
        command.Options.Add(PodSelfCheck);
        Pod.AddTo(command);
    }

    /// <summary>The pod check when asked for: null when the pod proves <paramref name="digest"/>, else why not.
    /// <paramref name="wait"/> is how long the kubelet may take to post the container's imageID.</summary>
    public async Task<Failure?> CheckPodAsync(ParseResult parse, string digest, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (parse.GetValue(PodSelfCheck) is not { } container)
        {
            return null;
        }
        if (Pod.TryRead(parse, "--pod-self-check", out var arguments) is { } usage)
        {
            return new Failure(CliReasons.Usage, usage);
        }
        return await PodReader.DecideAsync(arguments!, pod => (Kubernetes.PodSelfCheck.Check(pod, container, digest, out bool pending), pending),
            wait, TimeProvider.System, Environment.GetEnvironmentVariable, handler: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pod settings with no <c>--pod-self-check</c> to use them.</summary>
    public string? UnusedPodSettings(ParseResult parse) => parse.GetValue(PodSelfCheck) is null ? Pod.Unused(parse, "--pod-self-check") : null;

    /// <summary>Null when both are present and the digest is well formed; otherwise the usage error.</summary>
    public string? TryRead(ParseResult parse, out string path, out string digest)
    {
        if (UnusedPodSettings(parse) is { } unused)
        {
            path = digest = string.Empty;
            return unused;
        }
        path = parse.GetValue(Marker) ?? string.Empty;
        digest = parse.GetValue(Digest) ?? string.Empty;
        if (path.Length == 0)
        {
            return "--marker (or IMAGEGATE_MARKER) is required";
        }
        if (digest.Length == 0)
        {
            return "--digest (or IMAGEGATE_DIGEST) is required: the gate admits only the digest this container runs";
        }
        if (!Oci.Digest.TryParse(digest, out var parsed, out var error) || parsed.Algorithm != Oci.Digest.Sha256)
        {
            return $"--digest must be sha256:<64 lower-case hex>; found \"{digest}\"{(error is null ? string.Empty : $" ({error})")}";
        }
        return null;
    }
}
