using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageGate.Sigstore.Tuf;

namespace ImageGate.Sigstore.Tests.Tuf;

/// <summary>
/// A small TUF repository with keys the test holds, for what the real metadata cannot show with valid signatures:
/// parents that list hashes and lengths, thresholds above one, unknown key types, delegations, malformed fields.
/// Change a <c>signed</c> object, then <see cref="Publish"/> re-signs every file and recomputes what parents list.
/// </summary>
internal sealed class TestTufRepository
{
    public static readonly DateTimeOffset Now = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public ECDsa[] RootKeys { get; } = [ECDsa.Create(ECCurve.NamedCurves.nistP256), ECDsa.Create(ECCurve.NamedCurves.nistP256), ECDsa.Create(ECCurve.NamedCurves.nistP256)];

    public ECDsa TimestampKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public ECDsa SnapshotKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public ECDsa TargetsKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public byte[] TrustRoot { get; set; } = "{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\"}"u8.ToArray();

    public JsonObject Root { get; }

    public JsonObject Timestamp { get; } = Signed("timestamp", 1);

    public JsonObject Snapshot { get; } = Signed("snapshot", 1);

    public JsonObject Targets { get; } = Signed("targets", 1);

    /// <summary>Which keys sign each file (by default each role's own; the root by its first two keys).</summary>
    public Dictionary<string, ECDsa[]> Signers { get; } = [];

    public MemoryTufFiles Files { get; } = new(new Dictionary<string, byte[]>(StringComparer.Ordinal));

    public byte[] PinnedRoot { get; private set; } = [];

    public TestTufRepository()
    {
        Root = Signed("root", 1);
        Root["consistent_snapshot"] = true;
        var keys = new JsonObject();
        foreach (var key in RootKeys.Append(TimestampKey).Append(SnapshotKey).Append(TargetsKey))
        {
            keys[KeyId(key)] = KeyJson(key);
        }
        Root["keys"] = keys;
        Root["roles"] = new JsonObject
        {
            ["root"] = Role(2, RootKeys),
            ["timestamp"] = Role(1, TimestampKey),
            ["snapshot"] = Role(1, SnapshotKey),
            ["targets"] = Role(1, TargetsKey),
        };
        Snapshot["meta"] = new JsonObject();
        Timestamp["meta"] = new JsonObject();
        Targets["targets"] = new JsonObject();
        Signers["root"] = RootKeys[..2];
        Signers["timestamp"] = [TimestampKey];
        Signers["snapshot"] = [SnapshotKey];
        Signers["targets"] = [TargetsKey];
        Publish();
    }

    /// <summary>Signs root v1 as the pinned root, then targets, snapshot and timestamp, each parent listing its child's
    /// version, length and SHA-256 and SHA-512.</summary>
    public void Publish()
    {
        PinnedRoot = Sign(Root, Signers["root"]);
        Targets["targets"]!["trusted_root.json"] = Listing(TrustRoot);
        var targets = Sign(Targets, Signers["targets"]);
        Files.Files[$"{(int)Targets["version"]!}.targets.json"] = targets;
        Snapshot["meta"]!["targets.json"] = Listing(targets, (int)Targets["version"]!);
        var snapshot = Sign(Snapshot, Signers["snapshot"]);
        Files.Files[$"{(int)Snapshot["version"]!}.snapshot.json"] = snapshot;
        Timestamp["meta"]!["snapshot.json"] = Listing(snapshot, (int)Snapshot["version"]!);
        Files.Files["timestamp.json"] = Sign(Timestamp, Signers["timestamp"]);
    }

    public TufVerification Verify(bool requireFresh = false, DateTimeOffset? at = null) =>
        new TufVerifier(new ImageGate.Testing.VirtualSigstore.VirtualClock(at ?? Now)).Verify(PinnedRoot, Files, TrustRoot, requireFresh, TestContext.Current.CancellationToken);

    public static JsonObject Signed(string type, int version) => new()
    {
        ["_type"] = type,
        ["spec_version"] = "1.0.31",
        ["version"] = version,
        ["expires"] = "2031-01-01T00:00:00Z",
    };

    public static JsonObject Role(int threshold, params ECDsa[] keys) => new()
    {
        ["keyids"] = new JsonArray([.. keys.Select(k => (JsonNode)KeyId(k))]),
        ["threshold"] = threshold,
    };

    public static JsonObject KeyJson(ECDsa key) => new()
    {
        ["keytype"] = "ecdsa",
        ["scheme"] = "ecdsa-sha2-nistp256",
        ["keyval"] = new JsonObject { ["public"] = key.ExportSubjectPublicKeyInfoPem() + "\n" },
    };

    /// <summary>The spec's key id: SHA-256 of the canonical key object (not checked by clients, but real).</summary>
    public static string KeyId(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(Canonical(KeyJson(key))));

    public static byte[] Canonical(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return CanonicalJson.Encode(document.RootElement);
    }

    /// <summary>An envelope of <paramref name="signed"/> signed by each key, as securesystemslib writes one.</summary>
    public static byte[] Sign(JsonObject signed, IEnumerable<ECDsa> keys)
    {
        var bytes = Canonical(signed);
        var signatures = new JsonArray();
        foreach (var key in keys)
        {
            signatures.Add(new JsonObject
            {
                ["keyid"] = KeyId(key),
                ["sig"] = Convert.ToHexStringLower(key.SignData(bytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)),
            });
        }
        var envelope = new JsonObject { ["signatures"] = signatures, ["signed"] = signed.DeepClone() };
        return Encoding.UTF8.GetBytes(envelope.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonObject Listing(byte[] file, int? version = null)
    {
        var listing = new JsonObject
        {
            ["length"] = file.Length,
            ["hashes"] = new JsonObject
            {
                ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(file)),
                ["sha512"] = Convert.ToHexStringLower(SHA512.HashData(file)),
            },
        };
        if (version is { } v)
        {
            listing["version"] = v;
        }
        return listing;
    }
}
