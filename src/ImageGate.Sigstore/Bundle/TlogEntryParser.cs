using System.Text.Json;
using ImageGate.Sigstore.Formats;

namespace ImageGate.Sigstore.Bundle;

internal static class TlogEntryParser
{
    public static TlogEntry Parse(JsonElement entry, string path)
    {
        long logIndex = ProtoJson.Int64(entry, "logIndex", path);
        if (logIndex < 0)
        {
            throw new ProtoJsonException($"{path}.logIndex is negative ({logIndex})");
        }
        var logId = ProtoJson.Bytes(ProtoJson.Object(entry, "logId", path), "keyId", path + ".logId");
        var kindVersion = ProtoJson.Object(entry, "kindVersion", path);
        long integratedTime = ProtoJson.Int64(entry, "integratedTime", path);
        if (integratedTime < 0)
        {
            throw new ProtoJsonException($"{path}.integratedTime is negative ({integratedTime})");
        }
        byte[]? set = null;
        if (ProtoJson.TryGet(entry, "inclusionPromise", out var promise))
        {
            set = ProtoJson.Bytes(promise, "signedEntryTimestamp", path + ".inclusionPromise");
        }
        InclusionProof? proof = null;
        if (ProtoJson.TryGet(entry, "inclusionProof", out var p))
        {
            proof = ParseProof(p, path + ".inclusionProof");
        }
        return new TlogEntry
        {
            LogIndex = logIndex,
            LogId = logId,
            Kind = ProtoJson.String(kindVersion, "kind", path + ".kindVersion"),
            KindVersion = ProtoJson.String(kindVersion, "version", path + ".kindVersion"),
            IntegratedTime = integratedTime,
            SignedEntryTimestamp = set,
            InclusionProof = proof,
            CanonicalizedBody = ProtoJson.Bytes(entry, "canonicalizedBody", path),
        };
    }

    private static InclusionProof ParseProof(JsonElement proof, string path)
    {
        long index = ProtoJson.Int64(proof, "logIndex", path);
        long size = ProtoJson.Int64(proof, "treeSize", path);
        if (index < 0 || size < 0)
        {
            throw new ProtoJsonException($"{path} has a negative index or tree size");
        }
        var hashes = new List<byte[]>();
        foreach (var h in ProtoJson.Array(proof, "hashes", path))
        {
            if (hashes.Count == Limits.MaxInclusionProofHashes)
            {
                throw new ProtoJsonException($"{path}.hashes has more than {Limits.MaxInclusionProofHashes} hashes");
            }
            if (h.ValueKind != JsonValueKind.String || !Base64Lenient.TryDecode(h.GetString(), out var bytes))
            {
                throw new ProtoJsonException($"{path}.hashes[{hashes.Count}] is not base64");
            }
            hashes.Add(bytes);
        }
        string? checkpoint = null;
        if (ProtoJson.TryGet(proof, "checkpoint", out var cp))
        {
            checkpoint = ProtoJson.OptionalString(cp, "envelope", path + ".checkpoint");
        }
        return new InclusionProof
        {
            LogIndex = index,
            TreeSize = size,
            RootHash = ProtoJson.Bytes(proof, "rootHash", path),
            Hashes = hashes,
            Checkpoint = checkpoint,
        };
    }
}
