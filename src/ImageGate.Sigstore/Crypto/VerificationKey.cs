using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ImageGate.Sigstore.Crypto;

/// <summary>
/// A public key that verifies Sigstore signatures: ECDSA (DER signatures), RSA PKCS#1 v1.5 or Ed25519.
/// Built from a DER SubjectPublicKeyInfo; <see cref="TryCreate"/> refuses anything else.
/// </summary>
public abstract class VerificationKey
{
    private protected VerificationKey(byte[] spki) => SubjectPublicKeyInfo = spki;

    /// <summary>The DER SubjectPublicKeyInfo the key was built from (log ids and key hints hash it).</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <summary>A short name for messages, e.g. "ECDSA P-256".</summary>
    public abstract string Description { get; }

    /// <summary>The hash the key's algorithm pairs with by default (P-256: SHA-256, P-384: SHA-384, ...).</summary>
    public abstract HashAlgorithmName DefaultHash { get; }

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="data"/> with the given hash.</summary>
    /// <remarks>A signature the platform cannot even decode is a signature that does not verify: false, not an
    /// exception. Caught here once so that no key type can let one through.</remarks>
    public bool VerifyData(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, HashAlgorithmName hash)
    {
        try
        {
            return VerifyDataCore(data, signature, hash);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Verifies over a precomputed digest (not possible for pure Ed25519); false, as above, for a signature
    /// that cannot be decoded.</summary>
    public bool VerifyDigest(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, HashAlgorithmName hash)
    {
        try
        {
            return VerifyDigestCore(digest, signature, hash);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private protected abstract bool VerifyDataCore(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, HashAlgorithmName hash);

    private protected abstract bool VerifyDigestCore(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, HashAlgorithmName hash);

    public bool VerifyData(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) => VerifyData(data, signature, DefaultHash);

    public static bool TryCreate(ReadOnlySpan<byte> spki, out VerificationKey? key)
    {
        key = null;
        string algorithm;
        try
        {
            var reader = new AsnReader(spki.ToArray(), AsnEncodingRules.DER);
            var seq = reader.ReadSequence();
            var algSeq = seq.ReadSequence();
            algorithm = algSeq.ReadObjectIdentifier();
        }
        catch (AsnContentException)
        {
            return false;
        }
        byte[] der = spki.ToArray();
        try
        {
            switch (algorithm)
            {
                case "1.2.840.10045.2.1":
                    var ec = ECDsa.Create();
                    ec.ImportSubjectPublicKeyInfo(der, out _);
                    key = new EcdsaKey(der, ec);
                    return true;
                case "1.2.840.113549.1.1.1":
                    var rsa = RSA.Create();
                    rsa.ImportSubjectPublicKeyInfo(der, out _);
                    key = new RsaKey(der, rsa);
                    return true;
                case "1.3.101.112":
                    return Ed25519Key.TryCreate(der, out key);
                default:
                    return false;
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>
    /// The key of <paramref name="certificate"/>: the same result as <see cref="TryCreate(ReadOnlySpan{byte}, out VerificationKey?)"/>
    /// on its SubjectPublicKeyInfo, but an ECDSA key is taken as the certificate already decoded it
    /// (see <see cref="EcdsaKey.TryCreateFromCertificate"/>).
    /// </summary>
    public static bool TryCreate(X509Certificate2 certificate, out VerificationKey? key)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var spki = certificate.PublicKey.ExportSubjectPublicKeyInfo();
        return EcdsaKey.TryCreateFromCertificate(certificate, spki, out key) || TryCreate(spki, out key);
    }

    /// <summary>Reads a PEM "PUBLIC KEY" (SPKI) block.</summary>
    public static bool TryCreateFromPem(string pem, out VerificationKey? key)
    {
        key = null;
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            return false;
        }
        var label = pem.AsSpan()[fields.Label];
        if (!label.SequenceEqual("PUBLIC KEY"))
        {
            return false;
        }
        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        return TryCreate(der, out key);
    }

    /// <summary>True when both keys are the same public key (compared by their SPKI bytes).</summary>
    public bool SameKeyAs(ReadOnlySpan<byte> otherSpki) => SubjectPublicKeyInfo.AsSpan().SequenceEqual(otherSpki);
}
