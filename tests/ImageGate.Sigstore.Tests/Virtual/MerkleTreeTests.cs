using System.Numerics;
using System.Text.Json.Nodes;
using CsCheck;
using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Sigstore.Tests.Virtual;

/// <summary>VirtualSigstore's Merkle tree against RFC 6962 vectors, real Rekor data and the RFC 9162 loop.</summary>
public sealed class MerkleTreeTests
{
    [Fact]
    public void Empty_tree_and_empty_leaf_hashes_are_the_rfc_6962_values()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(new MerkleTree().RootHash()));
        Assert.Equal("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", Convert.ToHexStringLower(MerkleTree.HashLeaf([])));
    }

    [Fact]
    public void Every_proof_of_every_tree_up_to_70_leaves_recomputes_the_root()
    {
        var tree = new MerkleTree();
        for (int size = 1; size <= 70; size++)
        {
            tree.Append(BitConverter.GetBytes(size));
            for (int index = 0; index < size; index++)
            {
                var proof = tree.InclusionProof(index, size);
                int inner = 64 - BitOperations.LeadingZeroCount((ulong)(index ^ (size - 1)));
                int border = BitOperations.PopCount((ulong)index >> inner);
                Assert.Equal(inner + border, proof.Count);
                Assert.Equal(tree.RootHash(size), Rfc9162.RootFromProof(index, size, tree.LeafHash(index), proof));
            }
        }
    }

    [Fact]
    public void Changing_any_one_proof_hash_changes_the_root() =>
        Gen.Int[2, 200].SelectMany(size => Gen.Int[0, size - 1].Select(index => (size, index))).Sample(t =>
        {
            var tree = new MerkleTree();
            for (int i = 0; i < t.size; i++)
            {
                tree.Append([(byte)i, (byte)(i >> 8)]);
            }
            var proof = tree.InclusionProof(t.index, t.size);
            for (int k = 0; k < proof.Count; k++)
            {
                var tampered = proof.Select(h => (byte[])h.Clone()).ToList();
                tampered[k][0] ^= 1;
                Assert.NotEqual(tree.RootHash(t.size), Rfc9162.RootFromProof(t.index, t.size, tree.LeafHash(t.index), tampered));
            }
        }, iter: 60);

    [Fact]
    public void The_rfc_9162_loop_reproduces_a_production_rekor_root()
    {
        var entry = JsonNode.Parse(Fixtures.Read("oci-attestation.sigstore.json"))!["verificationMaterial"]!["tlogEntries"]![0]!;
        var proof = entry["inclusionProof"]!;
        byte[] leaf = MerkleTree.HashLeaf(Convert.FromBase64String(entry["canonicalizedBody"]!.GetValue<string>()));
        var hashes = proof["hashes"]!.AsArray().Select(h => Convert.FromBase64String(h!.GetValue<string>())).ToList();
        byte[]? root = Rfc9162.RootFromProof(long.Parse(proof["logIndex"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(proof["treeSize"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), leaf, hashes);
        Assert.Equal(Convert.FromBase64String(proof["rootHash"]!.GetValue<string>()), root);
        Assert.Equal("1d35142cf4d1bfe22c2cd9a43e288742de06f5a483982ea8dbc56ff3dcf75db6", Convert.ToHexStringLower(leaf));
    }
}
