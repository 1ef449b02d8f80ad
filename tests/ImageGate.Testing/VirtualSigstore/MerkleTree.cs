using System.Security.Cryptography;

namespace ImageGate.Testing.VirtualSigstore;

/// <summary>
/// An append-only RFC 6962 Merkle tree kept in memory, computed straight from the RFC's recursive definitions
/// (MTH and PATH, RFC 6962 §2.1) rather than with the iterative verifier algorithm, so the two cross-check each other.
/// </summary>
public sealed class MerkleTree
{
    private readonly List<byte[]> _leafHashes = [];

    public long Size => _leafHashes.Count;

    public static byte[] HashLeaf(ReadOnlySpan<byte> data)
    {
        byte[] buffer = new byte[data.Length + 1];
        data.CopyTo(buffer.AsSpan(1));
        return SHA256.HashData(buffer);
    }

    public static byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        byte[] buffer = new byte[1 + left.Length + right.Length];
        buffer[0] = 1;
        left.CopyTo(buffer.AsSpan(1));
        right.CopyTo(buffer.AsSpan(1 + left.Length));
        return SHA256.HashData(buffer);
    }

    /// <summary>Appends an entry (its raw bytes; the leaf hash is computed here) and returns its index.</summary>
    public long Append(ReadOnlySpan<byte> entry)
    {
        _leafHashes.Add(HashLeaf(entry));
        return _leafHashes.Count - 1;
    }

    public byte[] LeafHash(long index) => _leafHashes[checked((int)index)];

    public byte[] RootHash() => RootHash(Size);

    /// <summary>MTH(D[0:size]).</summary>
    public byte[] RootHash(long size)
    {
        if (size < 0 || size > Size)
        {
            throw new ArgumentOutOfRangeException(nameof(size));
        }
        return size == 0 ? SHA256.HashData([]) : Mth(0, (int)size);
    }

    /// <summary>PATH(index, D[0:size]), ordered leaf to root as Rekor serves it.</summary>
    public IReadOnlyList<byte[]> InclusionProof(long index, long size)
    {
        if (index < 0 || index >= size || size > Size)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        var proof = new List<byte[]>();
        Path((int)index, 0, (int)size, proof);
        return proof;
    }

    private byte[] Mth(int start, int count)
    {
        if (count == 1)
        {
            return _leafHashes[start];
        }
        int k = LargestPowerOfTwoBelow(count);
        return HashChildren(Mth(start, k), Mth(start + k, count - k));
    }

    // PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) if m < k, else PATH(m - k, D[k:n]) : MTH(D[0:k]).
    // The ':' appends, so the deepest sibling comes first.
    private void Path(int m, int start, int count, List<byte[]> proof)
    {
        if (count == 1)
        {
            return;
        }
        int k = LargestPowerOfTwoBelow(count);
        if (m < k)
        {
            Path(m, start, k, proof);
            proof.Add(Mth(start + k, count - k));
        }
        else
        {
            Path(m - k, start + k, count - k, proof);
            proof.Add(Mth(start, k));
        }
    }

    /// <summary>The largest power of two strictly smaller than n (n ≥ 2).</summary>
    private static int LargestPowerOfTwoBelow(int n)
    {
        int k = 1;
        while (k << 1 < n)
        {
            k <<= 1;
        }
        return k;
    }
}
