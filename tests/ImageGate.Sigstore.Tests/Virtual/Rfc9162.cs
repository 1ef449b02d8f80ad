using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Sigstore.Tests.Virtual;

/// <summary>
/// The iterative inclusion-proof check of RFC 9162 §2.1.3.2, written in the test project so VirtualSigstore's
/// recursive tree (RFC 6962 PATH) and this loop check each other without the verifier's code.
/// </summary>
internal static class Rfc9162
{
    public static byte[]? RootFromProof(long index, long size, byte[] leafHash, IReadOnlyList<byte[]> proof)
    {
        if (index < 0 || index >= size)
        {
            return null;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        foreach (byte[] p in proof)
        {
            if (sn == 0)
            {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleTree.HashChildren(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = MerkleTree.HashChildren(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }
}
