using System.Security.Cryptography;
using ImageGate.Sigstore.Crypto;

namespace ImageGate.Sigstore.Certificates;

/// <summary>
/// X.509 / CMS signature algorithm identifiers we accept: ECDSA and RSA PKCS#1 v1.5 with SHA-256/384/512, and
/// Ed25519. SHA-1 signatures are refused (Go's x509 refuses them too); RSA-PSS is not supported (no Sigstore
/// CA or TSA uses it).
/// </summary>
internal static class SignatureAlgorithms
{
    private enum Family
    {
        Ecdsa,
        Rsa,
        Ed25519,
    }

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="data"/> with the algorithm <paramref name="oid"/>.</summary>
    public static bool Verify(VerificationKey key, string oid, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (!TryMap(oid, out var family, out var hash))
        {
            return false;
        }
        return family switch
        {
            Family.Ecdsa => key is EcdsaKey && key.VerifyData(data, signature, hash),
            Family.Rsa => key is RsaKey && key.VerifyData(data, signature, hash),
            Family.Ed25519 => key is Ed25519Key && key.VerifyData(data, signature, hash),
            _ => false,
        };
    }

    /// <summary>
    /// CMS allows the signature algorithm to name only the key type (rsaEncryption, id-ecPublicKey); the digest
    /// then comes from the SignerInfo digestAlgorithm (RFC 5652 §5.4, RFC 5754 §3).
    /// </summary>
    public static bool VerifyCms(VerificationKey key, string signatureOid, HashAlgorithmName digest, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        signatureOid switch
        {
            X509Oids.RsaEncryption => key is RsaKey && key.VerifyData(data, signature, digest),
            X509Oids.EcPublicKey => key is EcdsaKey && key.VerifyData(data, signature, digest),
            _ => Verify(key, signatureOid, data, signature),
        };

    /// <summary>SHA-256/384/512 by OID; SHA-1 and anything else are refused (§4.3 rule 2).</summary>
    public static bool TryGetHash(string oid, out HashAlgorithmName hash)
    {
        hash = oid switch
        {
            X509Oids.Sha256 => HashAlgorithmName.SHA256,
            X509Oids.Sha384 => HashAlgorithmName.SHA384,
            X509Oids.Sha512 => HashAlgorithmName.SHA512,
            _ => default,
        };
        return hash != default;
    }

    public static byte[] Hash(HashAlgorithmName hash, ReadOnlySpan<byte> data)
    {
        if (hash == HashAlgorithmName.SHA384)
        {
            return SHA384.HashData(data);
        }
        if (hash == HashAlgorithmName.SHA512)
        {
            return SHA512.HashData(data);
        }
        return SHA256.HashData(data);
    }

    private static bool TryMap(string oid, out Family family, out HashAlgorithmName hash)
    {
        (family, hash) = oid switch
        {
            X509Oids.EcdsaWithSha256 => (Family.Ecdsa, HashAlgorithmName.SHA256),
            X509Oids.EcdsaWithSha384 => (Family.Ecdsa, HashAlgorithmName.SHA384),
            X509Oids.EcdsaWithSha512 => (Family.Ecdsa, HashAlgorithmName.SHA512),
            X509Oids.Sha256WithRsa => (Family.Rsa, HashAlgorithmName.SHA256),
            X509Oids.Sha384WithRsa => (Family.Rsa, HashAlgorithmName.SHA384),
            X509Oids.Sha512WithRsa => (Family.Rsa, HashAlgorithmName.SHA512),
            X509Oids.Ed25519 => (Family.Ed25519, HashAlgorithmName.SHA512),
            _ => (Family.Ecdsa, default),
        };
        return hash != default;
    }
}
