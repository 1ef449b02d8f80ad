using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace ImageGate.Oci;

/// <summary>
/// A content digest <c>algorithm:encoded</c> (image-spec descriptor.md). Only the registered algorithms
/// sha256 and sha512 are accepted, with lowercase hex of exactly their length: a digest we cannot
/// recompute proves nothing.
/// </summary>
public readonly record struct Digest
{
    public const string Sha256 = "sha256";
    public const string Sha512 = "sha512";

    private Digest(string algorithm, string encoded)
    {
        Algorithm = algorithm;
        Encoded = encoded;
    }

    public string Algorithm { get; }

    /// <summary>The lowercase hex part.</summary>
    public string Encoded { get; }

    public static Digest Parse(string value) =>
        TryParse(value, out var digest, out var error)
            ? digest
            : throw new OciSourceException(SourceReason.BadInput, error);

    public static bool TryParse(string? value, out Digest digest) => TryParse(value, out digest, out _);

    public static bool TryParse(string? value, out Digest digest, [NotNullWhen(false)] out string? error)
    {
        digest = default;
        if (string.IsNullOrEmpty(value))
        {
            error = "Expected a digest 'sha256:<64 hex>' or 'sha512:<128 hex>', found an empty string.";
            return false;
        }
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            error = $"Expected a digest 'algorithm:hex', found '{Shorten(value)}' without an algorithm.";
            return false;
        }
        var algorithm = value[..colon];
        var encoded = value[(colon + 1)..];
        var expectedLength = algorithm switch
        {
            Sha256 => 64,
            Sha512 => 128,
            _ => -1,
        };
        if (expectedLength < 0)
        {
            error = $"Expected digest algorithm sha256 or sha512, found '{Shorten(algorithm)}'.";
            return false;
        }
        if (encoded.Length != expectedLength || !IsLowerHex(encoded))
        {
            error = $"Expected {expectedLength} lowercase hex characters after '{algorithm}:', found '{Shorten(encoded)}'.";
            return false;
        }
        digest = new Digest(algorithm, encoded);
        error = null;
        return true;
    }

    /// <summary>The digest of <paramref name="content"/> with <paramref name="algorithm"/>.</summary>
    public static Digest Compute(ReadOnlySpan<byte> content, string algorithm = Sha256)
    {
        var hash = algorithm switch
        {
            Sha256 => SHA256.HashData(content),
            Sha512 => SHA512.HashData(content),
            _ => throw new OciSourceException(SourceReason.BadInput, $"Expected digest algorithm sha256 or sha512, found '{algorithm}'."),
        };
        return new Digest(algorithm, Convert.ToHexStringLower(hash));
    }

    /// <summary>True when <paramref name="content"/> hashes to this digest (constant-time compare).</summary>
    public bool Matches(ReadOnlySpan<byte> content)
    {
        var actual = Compute(content, Algorithm);
        return CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(actual.Encoded),
            System.Text.Encoding.ASCII.GetBytes(Encoded));
    }

    public override string ToString() => Algorithm is null ? string.Empty : $"{Algorithm}:{Encoded}";

    private static bool IsLowerHex(string s)
    {
        foreach (var c in s)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }
        return true;
    }

    internal static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "...";
}
