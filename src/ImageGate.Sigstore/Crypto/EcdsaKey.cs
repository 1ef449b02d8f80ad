using System.Security.Cryptography;

namespace ImageGate.Sigstore.Crypto;

/// <summary>ECDSA key; Sigstore signatures are ASN.1 DER (the .NET default is IEEE P1363).</summary>
public sealed class EcdsaKey : VerificationKey
{
    private readonly ECDsa _key;

    internal EcdsaKey(byte[] spki, ECDsa key) : base(spki)
    {
        _key = key;
        KeySize = key.KeySize;
    }

    public int KeySize { get; }

    public override string Description => $"ECDSA P-{KeySize}";

    public override HashAlgorithmName DefaultHash => KeySize switch
    {
        384 => HashAlgorithmName.SHA384,
        521 => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };

    public override bool VerifyData(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, HashAlgorithmName hash)
    {
        try
        {
            return _key.VerifyData(data, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public override bool VerifyDigest(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, HashAlgorithmName hash)
    {
        try
        {
            return _key.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
