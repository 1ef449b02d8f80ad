using System.Security.Cryptography;

namespace ImageGate.Sigstore.Crypto;

/// <summary>RSA key verifying PKCS#1 v1.5 signatures (the only RSA scheme the trust root names).</summary>
public sealed class RsaKey : VerificationKey
{
    private readonly RSA _key;

    internal RsaKey(byte[] spki, RSA key) : base(spki) => _key = key;

    public override string Description => $"RSA {_key.KeySize}";

    public override HashAlgorithmName DefaultHash => HashAlgorithmName.SHA256;

    private protected override bool VerifyDataCore(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, HashAlgorithmName hash) =>
        _key.VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1);

    private protected override bool VerifyDigestCore(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, HashAlgorithmName hash) =>
        _key.VerifyHash(digest, signature, hash, RSASignaturePadding.Pkcs1);
}
