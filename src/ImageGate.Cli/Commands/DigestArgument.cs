using System.Text.RegularExpressions;
using ImageGate.Sigstore;

namespace ImageGate.Cli.Commands;

/// <summary>
/// The digest form of <c>verify-bundle</c>'s FILE_OR_DIGEST: <c>sha256:</c>, <c>sha384:</c> or <c>sha512:</c> and
/// exactly that many hex digits (npm provenance names its tarball by sha512). A file of that name wins, as the
/// conformance protocol passes paths; anything else shaped <c>algorithm:hex</c> is a mistyped digest, refused as
/// usage rather than looked for as a file.
/// </summary>
internal static partial class DigestArgument
{
    /// <summary>
    /// Null when <paramref name="value"/> is not digest-shaped (then it is a file path). Otherwise true with the
    /// policy, or false with a sentence saying what is wrong with it.
    /// </summary>
    public static bool? TryParse(string value, out ArtifactPolicy? policy, out string? error)
    {
        policy = null;
        error = null;
        var match = Shape().Match(value);
        if (!match.Success || File.Exists(value))
        {
            return null;
        }
        var algorithm = match.Groups["algorithm"].Value;
        var hex = match.Groups["hex"].Value;
        int? expected = algorithm switch
        {
            "sha256" => 64,
            "sha384" => 96,
            "sha512" => 128,
            _ => null,
        };
        if (expected is null)
        {
            var lowercase = algorithm.ToLowerInvariant() is "sha256" or "sha384" or "sha512" ? " (algorithm names are lowercase)" : string.Empty;
            error = $"expected FILE_OR_DIGEST to be a file or a digest sha256:<64 hex>, sha384:<96 hex> or sha512:<128 hex>; found algorithm '{algorithm}'{lowercase} and no file '{value}'";
            return false;
        }
        if (hex.Length != expected)
        {
            error = $"expected a {algorithm} digest of {expected} hex digits; found {hex.Length} in '{value}' (and no file of that name)";
            return false;
        }
        policy = ArtifactPolicy.ForDigest(algorithm, Convert.FromHexString(hex));
        return true;
    }

    /// <summary><c>algorithm:hex</c>: an algorithm-like word (as image-spec digests spell them), a colon, hex digits only.</summary>
    [GeneratedRegex("^(?<algorithm>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z0-9]+)*):(?<hex>[0-9a-fA-F]+)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Shape();
}
