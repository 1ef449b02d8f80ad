using System.CommandLine;
using ImageGate.Oci;

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

    public void AddTo(Command command)
    {
        command.Options.Add(Marker);
        command.Options.Add(Digest);
    }

    /// <summary>Null when both are present and the digest is well formed; otherwise the usage error.</summary>
    public string? TryRead(ParseResult parse, out string path, out string digest)
    {
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
