using System.Numerics;
using System.Security.Cryptography;

namespace ImageGate.Sigstore.Transparency;

/// <summary>
/// RFC 6962 / RFC 9162 Merkle inclusion proofs (the algorithm of transparency-dev/merkle proof.VerifyInclusion):
/// leaf hash H(0x00 || data), interior H(0x01 || left || right).
/// </summary>
internal static class MerkleInclusion
{
    public static byte[] HashLeaf(ReadOnlySpan<byte> data)
    {
        Span<byte> buffer = data.Length < 4096 ? stackalloc byte[data.Length + 1] : new byte[data.Length + 1];
        buffer[0] = 0x00;
        data.CopyTo(buffer[1..]);
        return SHA256.HashData(buffer);
    }

    public static byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + left.Length + right.Length];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + left.Length)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>Recomputes the root from a leaf hash and its audit path; null when the proof's shape is wrong.</summary>
    public static byte[]? RootFromProof(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof)
    {
        if (index < 0 || size <= 0 || index >= size || leafHash.Length != 32)
        {
            return null;
        }
        ulong i = (ulong)index;
        ulong last = (ulong)size - 1;
        int inner = 64 - BitOperations.LeadingZeroCount(i ^ last);
        int border = BitOperations.PopCount(i >> inner);
        if (proof.Count != inner + border)
        {
            return null;
        }
        byte[] hash = leafHash.ToArray();
        for (int level = 0; level < proof.Count; level++)
        {
            if (proof[level].Length != 32)
            {
                return null;
            }
            bool rightChild = level < inner && ((i >> level) & 1) == 0;
            hash = rightChild ? HashChildren(hash, proof[level]) : HashChildren(proof[level], hash);
        }
        return hash;
    }

    public static bool Verify(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        var computed = RootFromProof(index, size, leafHash, proof);
        return computed is not null && CryptographicOperations.FixedTimeEquals(computed, root);
    }
}
