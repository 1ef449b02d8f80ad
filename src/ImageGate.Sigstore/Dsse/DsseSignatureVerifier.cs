using System.Security.Cryptography;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Crypto;

namespace ImageGate.Sigstore.Dsse;

/// <summary>
/// Verifies a DSSE signature over the PAE with the signer's key and its default hash (P-256: SHA-256,
/// P-384: SHA-384, Ed25519: pure). P-384 and P-521 keys are also tried with SHA-256, as sigstore-go's
/// compatibility mode does.
/// </summary>
public static class DsseSignatureVerifier
{
    public static bool Verify(DsseEnvelope envelope, byte[] signature, VerificationKey key)
    {
        var pae = Pae.Encode(envelope.PayloadType, envelope.Payload);
        if (key.VerifyData(pae, signature))
        {
            return true;
        }
        return key is EcdsaKey { KeySize: > 256 } && key.VerifyData(pae, signature, HashAlgorithmName.SHA256);
    }
}
