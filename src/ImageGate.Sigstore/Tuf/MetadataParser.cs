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
            var keyIds = new List<string>();
            var signatures = new List<string>();
            foreach (var entry in TufJson.Array(top, "signatures", fileName).EnumerateArray())
            {
                if (signatures.Count == TufLimits.MaxSignatures)
                {
                    return new Failure(TufReasons.LimitExceeded, $"expected {fileName} to hold at most {TufLimits.MaxSignatures} signatures; it holds more");
                }
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    return Malformed(fileName, "signatures must hold objects, found " + entry.ValueKind);
                }
                keyIds.Add(TufJson.String(entry, "keyid", "signatures[]"));
                signatures.Add(TufJson.String(entry, "sig", "signatures[]"));
            }
            var common = new TufMetadata
            {
                FileName = fileName,
                Type = type,
                Version = version,
                Expires = TufJson.Timestamp(signed, "expires", "signed"),
                SignedBytes = CanonicalJson.Encode(signed),
                SignatureKeyIds = keyIds,
                SignatureHex = signatures,
            };
            metadata = role switch
            {
                "root" => Root(signed, common),
                "targets" => Targets(signed, common),
                // The timestamp lists the snapshot; the snapshot lists targets.json (its other entries are delegations).
                _ => With(common, listed: Listed(TufJson.Object(signed, "meta", "signed"), role == "timestamp" ? "snapshot.json" : "targets.json")),
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

    /// <summary>The common fields with what a role adds.</summary>
    private static TufMetadata With(TufMetadata common, ListedFile? listed = null, List<string>? keyIds = null, List<VerificationKey?>? keys = null,
        TufRole[]? roles = null, bool consistentSnapshot = false, int targetCount = 0, string? delegations = null) => new()
    {
        FileName = common.FileName,
        Type = common.Type,
        Version = common.Version,
        Expires = common.Expires,
        SignedBytes = common.SignedBytes,
        SignatureKeyIds = common.SignatureKeyIds,
        SignatureHex = common.SignatureHex,
        Listed = listed,
        KeyIds = keyIds ?? [],
        Keys = keys ?? [],
        Roles = roles ?? [],
        ConsistentSnapshot = consistentSnapshot,
        TargetCount = targetCount,
        Delegations = delegations,
    };

    private static TufMetadata Root(JsonElement signed, TufMetadata common)
    {
        var keyIds = new List<string>();
        var keys = new List<VerificationKey?>();
        foreach (var entry in TufJson.Members(signed, "keys", "signed"))
        {
            if (keys.Count == TufLimits.MaxKeys)
            {
                throw new TufFormatException($"signed.keys holds more than {TufLimits.MaxKeys} keys");
            }
            keyIds.Add(entry.Name);
            keys.Add(Key(entry.Value, "signed.keys[" + entry.Name + "]"));
        }
        var rolesJson = TufJson.Object(signed, "roles", "signed");
        var roles = new TufRole[TufMetadata.TopLevelRoles.Length];
        for (int i = 0; i < roles.Length; i++)
        {
            roles[i] = Role(TufJson.Object(rolesJson, TufMetadata.TopLevelRoles[i], "signed.roles"), "signed.roles." + TufMetadata.TopLevelRoles[i]);
        }
        return With(common, keyIds: keyIds, keys: keys, roles: roles, consistentSnapshot: TufJson.OptionalBoolean(signed, "consistent_snapshot", "signed"));
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
    private static VerificationKey? Key(JsonElement key, string path)
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
            return null;
        }
        try
        {
            return VerificationKey.TryCreateFromPem(publicKey, out var verifier) && verifier is EcdsaKey { KeySize: 256 } ? verifier : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static TufMetadata Targets(JsonElement signed, TufMetadata common)
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
        return With(common, listed: trustRoot, targetCount: count, delegations: delegations);
    }

    public static Failure Malformed(string fileName, string message) => new(TufReasons.Malformed, $"{fileName}: {message}");
}
