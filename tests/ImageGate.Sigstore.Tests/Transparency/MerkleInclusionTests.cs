using System.Security.Cryptography;
using CsCheck;
using ImageGate.Sigstore.Transparency;

namespace ImageGate.Sigstore.Tests.Transparency;

/// <summary>
/// Property tests of the inclusion-proof verifier against a reference RFC 6962 §2.1 tree (MTH and PATH written
/// recursively, straight from the RFC text), independent of the verifier's iterative algorithm.
/// </summary>
public sealed class MerkleInclusionTests
{
    private static byte[] Leaf(int i) => SHA256.HashData(BitConverter.GetBytes(i));

    private static byte[] Mth(byte[][] leaves, int start, int n)
    {
        if (n == 1)
        {
            return MerkleInclusion.HashLeaf(leaves[start]);
        }
        int k = LargestPowerOfTwoBelow(n);
        return MerkleInclusion.HashChildren(Mth(leaves, start, k), Mth(leaves, start + k, n - k));
    }

    private static List<byte[]> Path(byte[][] leaves, int m, int start, int n)
    {
        if (n == 1)
        {
            return [];
        }
        int k = LargestPowerOfTwoBelow(n);
        if (m < k)
        {
            var path = Path(leaves, m, start, k);
            path.Add(Mth(leaves, start + k, n - k));
            return path;
        }
        var right = Path(leaves, m - k, start + k, n - k);
        right.Add(Mth(leaves, start, k));
        return right;
    }

    private static int LargestPowerOfTwoBelow(int n)
    {
        int k = 1;
        while (k << 1 < n)
        {
            k <<= 1;
        }
        return k;
    }

    private static readonly Gen<(int Size, int Index)> SizeAndIndex =
        Gen.Int[1, 300].SelectMany(size => Gen.Int[0, size - 1].Select(index => (size, index)));

    [Fact]
    public void Every_reference_proof_verifies() => SizeAndIndex.Sample(t =>
    {
        var leaves = Enumerable.Range(0, t.Size).Select(Leaf).ToArray();
        var root = Mth(leaves, 0, t.Size);
        var proof = Path(leaves, t.Index, 0, t.Size);
        return MerkleInclusion.Verify(t.Index, t.Size, MerkleInclusion.HashLeaf(leaves[t.Index]), proof, root);
    }, iter: 300);

    [Fact]
    public void A_proof_with_any_hash_changed_fails() => SizeAndIndex.Where(t => t.Size > 1).SelectMany(t => Gen.Int[0, 255].Select(b => (t.Size, t.Index, b))).Sample(t =>
    {
        var leaves = Enumerable.Range(0, t.Size).Select(Leaf).ToArray();
        var root = Mth(leaves, 0, t.Size);
        var proof = Path(leaves, t.Index, 0, t.Size);
        int which = t.b % proof.Count;
        proof[which] = (byte[])proof[which].Clone();
        proof[which][t.b % 32] ^= 0x01;
        return !MerkleInclusion.Verify(t.Index, t.Size, MerkleInclusion.HashLeaf(leaves[t.Index]), proof, root);
    }, iter: 200);

    [Fact]
    public void A_proof_for_another_index_or_leaf_fails() => SizeAndIndex.Where(t => t.Size > 2).Sample(t =>
    {
        var leaves = Enumerable.Range(0, t.Size).Select(Leaf).ToArray();
        var root = Mth(leaves, 0, t.Size);
        var proof = Path(leaves, t.Index, 0, t.Size);
        var leaf = MerkleInclusion.HashLeaf(leaves[t.Index]);
        int otherIndex = (t.Index + 1) % t.Size;
        // (The tree size alone cannot be told from a proof: a proof may also fit a larger tree's shape.)
        return !MerkleInclusion.Verify(otherIndex, t.Size, leaf, proof, root)
            && !MerkleInclusion.Verify(t.Index, t.Size, MerkleInclusion.HashLeaf(leaves[otherIndex]), proof, root);
    }, iter: 200);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 5)]
    [InlineData(-1, 3)]
    public void An_index_outside_the_tree_is_refused(long index, long size) =>
        Assert.False(MerkleInclusion.Verify(index, size, new byte[32], [], new byte[32]));

    [Fact]
    public void A_single_leaf_tree_needs_an_empty_proof()
    {
        var leaf = MerkleInclusion.HashLeaf("x"u8);
        Assert.True(MerkleInclusion.Verify(0, 1, leaf, [], leaf));
        Assert.False(MerkleInclusion.Verify(0, 1, leaf, [new byte[32]], leaf));
    }
}
