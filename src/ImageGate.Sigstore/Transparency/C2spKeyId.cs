using System.Security.Cryptography;
using System.Text;
using ImageGate.Sigstore.Crypto;

namespace ImageGate.Sigstore.Transparency;

/// <summary>
/// The C2SP signed-note key id of a Rekor v2 log key: Ed25519 SHA-256(origin || "\n" || 0x01 || raw key);
/// ECDSA SHA-256(SPKI); RSA SHA-256(origin || "\n" || 0xFF || "PKIX-RSA-PKCS#1v1.5" || SPKI).
/// </summary>
internal static class C2spKeyId
{
    public static byte[] Compute(string origin, VerificationKey key)
    {
        var name = Encoding.UTF8.GetBytes(origin);
        switch (key)
        {
            case Ed25519Key ed:
                return SHA256.HashData([.. name, 0x0A, 0x01, .. ed.RawKey]);
            case RsaKey:
                return SHA256.HashData([.. name, 0x0A, 0xFF, .. "PKIX-RSA-PKCS#1v1.5"u8, .. key.SubjectPublicKeyInfo]);
            default:
                return SHA256.HashData(key.SubjectPublicKeyInfo);
        }
    }
}
