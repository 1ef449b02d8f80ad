using System.Security.Cryptography;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Crypto;

namespace ImageGate.Sigstore.Dsse;

/// <summary>
/// Verifies a DSSE signature over the PAE with the signer's key and its default hash (P-256: SHA-256,
/// P-384: SHA-384, Ed25519: pure). P-384 and P-521 keys are also tried with SHA-256, as sigstore-go's
/// compatibility mode does.
/// </summary>
internal static class DsseSignatureVerifier
{
    public static bool Verify(DsseEnvelope envelope, byte[] signature, VerificationKey key)
    {
        if (key is Ed25519Key)
        {
            // Pure Ed25519 signs the message itself, so only here is the PAE built as bytes.
            return key.VerifyData(Pae.Encode(envelope.PayloadType, envelope.Payload.Span), signature);
        }
        if (key.VerifyDigest(Pae.Hash(key.DefaultHash, envelope.PayloadType, envelope.Payload.Span), signature, key.DefaultHash))
        {
            return true;
        }
        return key is EcdsaKey { KeySize: > 256 }
            && key.VerifyDigest(Pae.Hash(HashAlgorithmName.SHA256, envelope.PayloadType, envelope.Payload.Span), signature, HashAlgorithmName.SHA256);
    }
}
