using System.Security.Cryptography;
using System.Text;

namespace ImageGate.Testing.VirtualSigstore;

/// <summary>
/// A Rekor v2 (tiles) log: Ed25519 key, C2SP key id = SHA-256(origin || 0x0A || 0x01 || raw key), no SETs and
/// no integrated time; checkpoints whose origin line is the bare origin, optionally cosigned by witnesses.
/// </summary>
public sealed class VirtualRekorV2Log : IDisposable
{
    public VirtualRekorV2Log(string origin = "log2025.rekor.virtual.test", int earlierEntries = 9)
    {
        Origin = origin;
        Key = new SigningKey(KeyType.Ed25519);
        KeyId = SHA256.HashData([.. Encoding.UTF8.GetBytes(origin), 0x0A, 0x01, .. Key.RawEd25519PublicKey!]);
        for (int i = 0; i < earlierEntries; i++)
        {
            Tree.Append(RandomNumberGenerator.GetBytes(48));
        }
    }

    public string Origin { get; }

    public string BaseUrl => $"https://{Origin}";

    public SigningKey Key { get; }

    /// <summary>The C2SP signed-note key id; also the bundle's logId.keyId and the trusted root's logId.</summary>
    public byte[] KeyId { get; }

    public MerkleTree Tree { get; } = new();

    /// <summary>Witness lines added to each checkpoint (unknown keys the verifier must ignore).</summary>
    public int WitnessCosignatures { get; set; } = 2;

    /// <summary>Put witness lines before the log's own signature line.</summary>
    public bool WitnessesFirst { get; set; }

    public long Append(byte[] body)
    {
        long index = Tree.Append(body);
        Tree.Append(RandomNumberGenerator.GetBytes(48));
        return index;
    }

    public InclusionProofData Prove(long index)
    {
        long size = Tree.Size;
        byte[] root = Tree.RootHash(size);
        return new InclusionProofData(index, size, root, Tree.InclusionProof(index, size), Checkpoint(size, root));
    }

    public string Checkpoint(long size, byte[] rootHash)
    {
        string text = SignedNote.CheckpointText(Origin, size, rootHash);
        var lines = new List<string>();
        for (int i = 0; i < WitnessCosignatures; i++)
        {
            // A cosignature/v1 line shape: 4-byte hint, 8-byte timestamp, 64-byte signature, all from nobody we know.
            lines.Add(SignedNote.SignatureLine($"witness{i}.virtual.test", RandomNumberGenerator.GetBytes(4), RandomNumberGenerator.GetBytes(72)));
        }
        string own = SignedNote.SignatureLine(Origin, KeyId, Key.Sign(Encoding.UTF8.GetBytes(text)));
        if (WitnessesFirst)
        {
            lines.Add(own);
        }
        else
        {
            lines.Insert(0, own);
        }
        return SignedNote.Assemble(text, lines);
    }

    public void Dispose() => Key.Dispose();
}
