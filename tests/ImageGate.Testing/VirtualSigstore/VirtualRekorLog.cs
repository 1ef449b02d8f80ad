using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageGate.Testing.VirtualSigstore;

/// <summary>One entry as a Rekor v1 log answers it: both indexes, the integrated time and the SET.</summary>
public sealed record RekorV1Entry(long ShardIndex, long GlobalIndex, long IntegratedTime, byte[] Body, byte[] SignedEntryTimestamp);

/// <summary>
/// A Rekor v1 shard: ECDSA P-256 key, log id = SHA-256(DER SPKI), a real Merkle tree with some earlier entries
/// already in it, signed entry timestamps over the RFC 8785 message and checkpoints whose origin line is
/// "&lt;origin&gt; - &lt;tree id&gt;". Global indexes are offset from shard indexes, as in production (docs/verification.md §8 item 9).
/// </summary>
public sealed class VirtualRekorLog : IDisposable
{
    public VirtualRekorLog(string origin = "rekor.virtual.test", long treeId = 2605736670972794746, long globalIndexOffset = 100_000, int earlierEntries = 6)
    {
        Origin = origin;
        TreeId = treeId;
        GlobalIndexOffset = globalIndexOffset;
        Key = new SigningKey(KeyType.EcdsaP256);
        LogId = SHA256.HashData(Key.SubjectPublicKeyInfo);
        for (int i = 0; i < earlierEntries; i++)
        {
            AppendFiller();
        }
    }

    public string Origin { get; }

    public string BaseUrl => $"https://{Origin}";

    public long TreeId { get; }

    public long GlobalIndexOffset { get; }

    public SigningKey Key { get; }

    public byte[] LogId { get; }

    public string LogIdHex => Convert.ToHexStringLower(LogId);

    public MerkleTree Tree { get; } = new();

    /// <summary>Appends a canonicalized body; one unrelated entry follows so later proofs are not always "last leaf".</summary>
    public RekorV1Entry Append(byte[] body, long integratedTime)
    {
        long shard = Tree.Append(body);
        long global = shard + GlobalIndexOffset;
        AppendFiller();
        return new RekorV1Entry(shard, global, integratedTime, body, SignEntry(body, integratedTime, global));
    }

    /// <summary>The SET: ECDSA-SHA256 over JCS {"body","integratedTime","logID","logIndex"} with the global index.</summary>
    public byte[] SignEntry(byte[] body, long integratedTime, long globalIndex) => Key.Sign(SetMessage(body, integratedTime, LogIdHex, globalIndex));

    public static byte[] SetMessage(byte[] body, long integratedTime, string logIdHex, long globalIndex) => Jcs.Canonicalize(new JsonObject
    {
        ["body"] = Convert.ToBase64String(body),
        ["integratedTime"] = integratedTime,
        ["logID"] = logIdHex,
        ["logIndex"] = globalIndex,
    });

    public InclusionProofData Prove(long shardIndex)
    {
        long size = Tree.Size;
        byte[] root = Tree.RootHash(size);
        return new InclusionProofData(shardIndex, size, root, Tree.InclusionProof(shardIndex, size), Checkpoint(size, root));
    }

    /// <summary>A signed checkpoint; key name = origin host, key hint = first 4 bytes of the log id.</summary>
    public string Checkpoint(long size, byte[] rootHash)
    {
        string text = SignedNote.CheckpointText(string.Create(CultureInfo.InvariantCulture, $"{Origin} - {TreeId}"), size, rootHash);
        byte[] signature = Key.Sign(Encoding.UTF8.GetBytes(text));
        return SignedNote.Assemble(text, [SignedNote.SignatureLine(Origin, LogId, signature)]);
    }

    private void AppendFiller() => Tree.Append(RandomNumberGenerator.GetBytes(48));

    public void Dispose() => Key.Dispose();
}
