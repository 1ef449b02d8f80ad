using System.Security.Cryptography;
using System.Text.Json;

namespace ImageGate.Sigstore.Tuf;

/// <summary>
/// A file as its signed parent lists it (docs/trust-root.md §2.4): a version (0 for a target), maybe a length, maybe
/// hashes. Every listed hash must be of an algorithm known here and must match: a hash that cannot be checked is not
/// skipped, since the publisher asserted it.
/// </summary>
public sealed class ListedFile(long version, long? length, IReadOnlyDictionary<string, string> hashes)
{
    public long Version { get; } = version;

    public long? Length { get; } = length;

    public IReadOnlyDictionary<string, string> Hashes { get; } = hashes;

    /// <param name="target">A target: length and hashes required, no version.</param>
    internal static ListedFile Parse(JsonElement entry, string path, bool target)
    {
        bool required = target;
        long version = target ? 0 : TufJson.Natural(entry, "version", path);
        long? length = required ? TufJson.Natural(entry, "length", path) : TufJson.OptionalNatural(entry, "length", path);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (required || entry.TryGetProperty("hashes", out _))
        {
            foreach (var hash in TufJson.Members(entry, "hashes", path))
            {
                if (hash.Value.ValueKind != JsonValueKind.String)
                {
                    throw new TufFormatException($"{path}.hashes.{hash.Name} must be a hex string, found {hash.Value.ValueKind}");
                }
                hashes[hash.Name] = hash.Value.GetString()!;
            }
            if (hashes.Count == 0)
            {
                throw new TufFormatException($"{path}.hashes is empty");
            }
        }
        return new ListedFile(version, length, hashes);
    }

    /// <summary>What is listed: "6787 bytes, sha256 6494e2...".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Length is { } length)
        {
            parts.Add($"{length} bytes");
        }
        foreach (var name in Hashes.Keys.Order(StringComparer.Ordinal))
        {
            parts.Add($"{name} {Hashes[name]}");
        }
        return string.Join(", ", parts);
    }

    /// <summary>What <paramref name="bytes"/> has that differs from the listing ("found 6788 bytes"), or null when
    /// the length and every hash match.</summary>
    public string? Mismatch(ReadOnlySpan<byte> bytes)
    {
        if (Length is { } length && length != bytes.Length)
        {
            return $"found {bytes.Length} bytes";
        }
        foreach (var algorithm in Hashes.Keys.Order(StringComparer.Ordinal))
        {
            string expected = Hashes[algorithm];
            byte[]? actual = algorithm switch
            {
                "sha256" => SHA256.HashData(bytes),
                "sha384" => SHA384.HashData(bytes),
                "sha512" => SHA512.HashData(bytes),
                _ => null,
            };
            if (actual is null)
            {
                return $"found a {Formats.ProtoJson.Truncate(algorithm)} hash listed, an algorithm not supported here (sha256, sha384, sha512), so the file cannot be checked";
            }
            string found = Convert.ToHexStringLower(actual);
            if (!string.Equals(found, expected, StringComparison.OrdinalIgnoreCase))
            {
                return $"found {algorithm} {found}";
            }
        }
        return null;
    }
}
