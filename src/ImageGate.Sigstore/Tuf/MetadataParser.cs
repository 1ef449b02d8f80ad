using System.Text.Json;
using ImageGate.Sigstore.Crypto;

namespace ImageGate.Sigstore.Tuf;

/// <summary>
/// Parses a TUF metadata file (docs/trust-root.md §2.2): the envelope <c>{"signatures": [...], "signed": {...}}</c>,
/// the common fields (<c>_type</c> the expected role, <c>spec_version</c> 1.x, <c>version</c> at least 1,
/// <c>expires</c>), the canonical bytes of <c>signed</c>, and what the check needs of the role. A duplicate key
/// anywhere is refused: two readers could otherwise see two documents.
/// </summary>
internal static class MetadataParser
{
    public static Failure? TryParse(byte[] bytes, string fileName, string role, out TufMetadata? metadata)
    {
        metadata = null;
        if (bytes.Length > TufLimits.MaxMetadataBytes)
        {
            return new Failure(TufReasons.LimitExceeded, $"expected {fileName} to be at most {TufLimits.MaxMetadataBytes} bytes; it is {bytes.Length}");
        }
        try
        {
            using var document = JsonDocument.Parse(bytes, Limits.StrictJson);
            var top = document.RootElement;
            if (top.ValueKind != JsonValueKind.Object)
            {
                return Malformed(fileName, $"expected a JSON object, found {top.ValueKind}");
            }
            var signed = TufJson.Object(top, "signed", fileName);
            string type = TufJson.String(signed, "_type", "signed");
            if (type != role)
            {
                return Malformed(fileName, $"expected {role} metadata, found signed._type \"{Formats.ProtoJson.Truncate(type)}\"");
            }
            string spec = TufJson.String(signed, "spec_version", "signed");
            if (!spec.StartsWith("1.", StringComparison.Ordinal) && spec != "1")
            {
                return Malformed(fileName, $"expected spec_version 1.x (TUF 1.0), found \"{Formats.ProtoJson.Truncate(spec)}\"");
            }
            long version = TufJson.Natural(signed, "version", "signed");
            if (version < 1)
            {
                return Malformed(fileName, "signed.version must be at least 1");
            }
            var signatures = new List<TufSignature>();
            foreach (var entry in TufJson.Array(top, "signatures", fileName).EnumerateArray())
            {
                if (signatures.Count == TufLimits.MaxSignatures)
                {
                    return new Failure(TufReasons.LimitExceeded, $"expected {fileName} to hold at most {TufLimits.MaxSignatures} signatures; it holds more");
                }
                string path = $"signatures[{signatures.Count}]";
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    return Malformed(fileName, $"{path} must be an object, found {entry.ValueKind}");
                }
                signatures.Add(new TufSignature(TufJson.String(entry, "keyid", path), TufJson.String(entry, "sig", path)));
            }
            var expires = TufJson.Timestamp(signed, "expires", "signed");
            var canonical = CanonicalJson.Encode(signed);
            metadata = role switch
            {
                "root" => Root(signed, fileName, type, version, expires, canonical, signatures),
                "targets" => Targets(signed, fileName, type, version, expires, canonical, signatures),
                _ => new TufMetadata
                {
                    FileName = fileName, Type = type, Version = version, Expires = expires, SignedBytes = canonical, Signatures = signatures,
                    // The timestamp lists the snapshot; the snapshot lists targets.json (other entries are delegations).
                    Listed = Listed(TufJson.Object(signed, "meta", "signed"), role == "timestamp" ? "snapshot.json" : "targets.json"),
                },
            };
            return null;
        }
        catch (JsonException e)
        {
            return Malformed(fileName, $"not canonicalisable JSON: {e.Message}");
        }
        catch (TufFormatException e)
        {
            return Malformed(fileName, e.Message);
        }
    }

    private static ListedFile Listed(JsonElement meta, string name) =>
        ListedFile.Parse(TufJson.Object(meta, name, "signed.meta"), $"signed.meta[{name}]", target: false);

    private static TufMetadata Root(JsonElement signed, string fileName, string type, long version, DateTimeOffset expires, byte[] canonical, List<TufSignature> signatures)
    {
        var keys = new Dictionary<string, TufKey>(StringComparer.Ordinal);
        foreach (var entry in TufJson.Members(signed, "keys", "signed"))
        {
            if (keys.Count == TufLimits.MaxKeys)
            {
                throw new TufFormatException($"signed.keys holds more than {TufLimits.MaxKeys} keys");
            }
            keys[entry.Name] = Key(entry.Value, $"signed.keys[{entry.Name}]");
        }
        var rolesJson = TufJson.Object(signed, "roles", "signed");
        var roles = new List<TufRole>();
        foreach (var name in TufMetadata.TopLevelRoles)
        {
            roles.Add(Role(TufJson.Object(rolesJson, name, "signed.roles"), "signed.roles." + name));
        }
        return new TufMetadata
        {
            FileName = fileName, Type = type, Version = version, Expires = expires, SignedBytes = canonical, Signatures = signatures,
            Keys = keys,
            Roles = roles,
            ConsistentSnapshot = TufJson.OptionalBoolean(signed, "consistent_snapshot", "signed"),
        };
    }

    private static TufRole Role(JsonElement role, string path)
    {
        long threshold = TufJson.Natural(role, "threshold", path);
        // A threshold of 0 would make any file, signed or not, "verified".
        if (threshold < 1 || threshold > TufLimits.MaxKeys)
        {
            throw new TufFormatException($"{path}.threshold must be from 1 to {TufLimits.MaxKeys}, found {threshold}");
        }
        var keyIds = new List<string>();
        foreach (var id in TufJson.Array(role, "keyids", path).EnumerateArray())
        {
            if (id.ValueKind != JsonValueKind.String || keyIds.Count == TufLimits.MaxKeys)
            {
                throw new TufFormatException($"{path}.keyids must be at most {TufLimits.MaxKeys} key id strings");
            }
            var value = id.GetString()!;
            if (!keyIds.Contains(value))
            {
                keyIds.Add(value);
            }
        }
        return new TufRole(keyIds, (int)threshold);
    }

    /// <summary>Sigstore's keys: <c>ecdsa</c> (earlier <c>ecdsa-sha2-nistp256</c>), scheme <c>ecdsa-sha2-nistp256</c>,
    /// a PEM P-256 SubjectPublicKeyInfo in <c>keyval.public</c>. Any other key is kept without a verifier.</summary>
    private static TufKey Key(JsonElement key, string path)
    {
        if (key.ValueKind != JsonValueKind.Object)
        {
            throw new TufFormatException($"{path} must be an object, found {key.ValueKind}");
        }
        string keyType = TufJson.String(key, "keytype", path);
        string scheme = TufJson.String(key, "scheme", path);
        string publicKey = TufJson.String(TufJson.Object(key, "keyval", path), "public", path + ".keyval");
        if (keyType is not ("ecdsa" or "ecdsa-sha2-nistp256") || scheme != "ecdsa-sha2-nistp256")
        {
            return new TufKey(null);
        }
        try
        {
            return new TufKey(VerificationKey.TryCreateFromPem(publicKey, out var verifier) && verifier is EcdsaKey { KeySize: 256 } ? verifier : null);
        }
        catch (FormatException)
        {
            return new TufKey(null);
        }
    }

    private static TufMetadata Targets(JsonElement signed, string fileName, string type, long version, DateTimeOffset expires, byte[] canonical, List<TufSignature> signatures)
    {
        ListedFile? trustRoot = null;
        int count = 0;
        foreach (var entry in TufJson.Members(signed, "targets", "signed"))
        {
            count++;
            if (entry.Name == TufVerifier.TrustedRootTarget)
            {
                if (entry.Value.ValueKind != JsonValueKind.Object)
                {
                    throw new TufFormatException($"signed.targets[{entry.Name}] must be an object, found {entry.Value.ValueKind}");
                }
                trustRoot = ListedFile.Parse(entry.Value, $"signed.targets[{entry.Name}]", target: true);
            }
        }
        string? delegations = null;
        if (signed.TryGetProperty("delegations", out _))
        {
            var names = new List<string>();
            foreach (var role in TufJson.Array(TufJson.Object(signed, "delegations", "signed"), "roles", "signed.delegations").EnumerateArray())
            {
                names.Add(role.ValueKind == JsonValueKind.Object ? TufJson.String(role, "name", "signed.delegations.roles[]") : throw new TufFormatException("signed.delegations.roles holds a non-object"));
            }
            delegations = string.Join(", ", names);
        }
        return new TufMetadata
        {
            FileName = fileName, Type = type, Version = version, Expires = expires, SignedBytes = canonical, Signatures = signatures,
            Listed = trustRoot,
            TargetCount = count,
            Delegations = delegations,
        };
    }

    public static Failure Malformed(string fileName, string message) => new(TufReasons.Malformed, $"{fileName}: {message}");
}
