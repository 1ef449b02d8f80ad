using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace ImageGate.Testing.VirtualSigstore;

public enum KeyType
{
    EcdsaP256,
    EcdsaP384,
    Ed25519,
}

/// <summary>
/// A private key that signs the way Sigstore clients do: ECDSA with the curve's hash and DER signatures,
/// or pure Ed25519 (BouncyCastle; .NET has no Ed25519).
/// </summary>
public sealed class SigningKey : IDisposable
{
    // SPKI prefix of an Ed25519 key: SEQUENCE { SEQUENCE { OID 1.3.101.112 } BIT STRING (33 bytes) }.
    private static readonly byte[] Ed25519SpkiPrefix = Convert.FromHexString("302a300506032b6570032100");

    private readonly ECDsa? _ecdsa;
    private readonly Ed25519PrivateKeyParameters? _ed25519;

    public SigningKey(KeyType type)
    {
        Type = type;
        switch (type)
        {
            case KeyType.EcdsaP256:
                _ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                break;
            case KeyType.EcdsaP384:
                _ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);
                break;
            case KeyType.Ed25519:
                _ed25519 = new Ed25519PrivateKeyParameters(new SecureRandom());
                break;
        }
        SubjectPublicKeyInfo = _ecdsa is not null
            ? _ecdsa.ExportSubjectPublicKeyInfo()
            : [.. Ed25519SpkiPrefix, .. RawEd25519PublicKey!];
    }

    public KeyType Type { get; }

    /// <summary>DER SubjectPublicKeyInfo.</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <summary>The 32 raw bytes of an Ed25519 public key (C2SP key ids hash these), else null.</summary>
    public byte[]? RawEd25519PublicKey => _ed25519?.GeneratePublicKey().GetEncoded();

    public ECDsa? Ecdsa => _ecdsa;

    /// <summary>The hash that goes with the key: SHA-256 for P-256, SHA-384 for P-384, SHA-512 for Ed25519(ph).</summary>
    public HashAlgorithmName DefaultHash => Type switch
    {
        KeyType.EcdsaP256 => HashAlgorithmName.SHA256,
        KeyType.EcdsaP384 => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA512,
    };

    /// <summary>The trusted-root / Rekor v2 keyDetails name.</summary>
    public string KeyDetails => Type switch
    {
        KeyType.EcdsaP256 => "PKIX_ECDSA_P256_SHA_256",
        KeyType.EcdsaP384 => "PKIX_ECDSA_P384_SHA_384",
        _ => "PKIX_ED25519",
    };

    public string PublicKeyPem => PemEncoding.WriteString("PUBLIC KEY", SubjectPublicKeyInfo) + "\n";

    public PublicKey PublicKey => PublicKey.CreateFromSubjectPublicKeyInfo(SubjectPublicKeyInfo, out _);

    /// <summary>Signs <paramref name="data"/>: ECDSA over H(data) with the default hash (DER), or pure Ed25519.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => Sign(data, DefaultHash);

    public byte[] Sign(ReadOnlySpan<byte> data, HashAlgorithmName hash)
    {
        if (_ecdsa is not null)
        {
            return _ecdsa.SignData(data, hash, DSASignatureFormat.Rfc3279DerSequence);
        }
        var signer = new Ed25519Signer();
        signer.Init(true, _ed25519);
        signer.BlockUpdate(data.ToArray(), 0, data.Length);
        return signer.GenerateSignature();
    }

    /// <summary>ECDSA over an already computed digest (DER).</summary>
    public byte[] SignDigest(ReadOnlySpan<byte> digest)
    {
        if (_ecdsa is null)
        {
            throw new InvalidOperationException("only ECDSA keys sign a bare digest");
        }
        return _ecdsa.SignHash(digest, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>Ed25519ph (RFC 8032, empty context) over the message: what Rekor v2 calls PKIX_ED25519_PH.</summary>
    public byte[] SignEd25519ph(ReadOnlySpan<byte> message)
    {
        var signer = new Ed25519phSigner([]);
        signer.Init(true, _ed25519 ?? throw new InvalidOperationException("not an Ed25519 key"));
        signer.BlockUpdate(message.ToArray(), 0, message.Length);
        return signer.GenerateSignature();
    }

    public void Dispose() => _ecdsa?.Dispose();
}
