using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

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

    /// <summary>
    /// Takes a certificate's ECDSA key from the certificate as OpenSSL decoded it. Importing the SPKI instead
    /// (ImportSubjectPublicKeyInfo) makes OpenSSL run its full public-key check, including a scalar
    /// multiplication by the group order: about 2 ms per P-384 key, more than verifying a signature. That
    /// multiplication proves nothing on P-256, P-384 and P-521 (prime order, cofactor 1): decoding already
    /// refused coordinates out of range and points not on the curve. So this path is taken only for those named
    /// curves with an uncompressed point (the one form the SPKI import accepts too); otherwise it returns false and
    /// the certificate's SPKI (<paramref name="spki"/>, kept with the key) is imported instead.
    /// </summary>
    internal static bool TryCreateFromCertificate(X509Certificate2 certificate, byte[] spki, out VerificationKey? key)
    {
        key = null;
        if (!IsNamedCurveUncompressedPoint(certificate.PublicKey))
        {
            return false;
        }
        ECDsa? ec;
        try
        {
            ec = certificate.GetECDsaPublicKey();
        }
        catch (CryptographicException)
        {
            return false;
        }
        if (ec is null)
        {
            return false;
        }
        key = new EcdsaKey(spki, ec);
        return true;
    }

    /// <summary>id-ecPublicKey on P-256, P-384 or P-521 (named, not explicit parameters), point 04 || X || Y.</summary>
    private static bool IsNamedCurveUncompressedPoint(PublicKey publicKey)
    {
        if (publicKey.Oid.Value != "1.2.840.10045.2.1" || publicKey.EncodedParameters?.RawData is not { } parameters)
        {
            return false;
        }
        string curve;
        try
        {
            curve = AsnDecoder.ReadObjectIdentifier(parameters, AsnEncodingRules.DER, out int consumed);
            if (consumed != parameters.Length)
            {
                return false;
            }
        }
        catch (AsnContentException)
        {
            return false;
        }
        int coordinate = curve switch
        {
            "1.2.840.10045.3.1.7" => 32,
            "1.3.132.0.34" => 48,
            "1.3.132.0.35" => 66,
            _ => 0,
        };
        var point = publicKey.EncodedKeyValue.RawData;
        return coordinate > 0 && point.Length == 1 + 2 * coordinate && point[0] == 0x04;
    }

    private protected override bool VerifyDataCore(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, HashAlgorithmName hash) =>
        _key.VerifyData(data, signature, hash, DSASignatureFormat.Rfc3279DerSequence);

    private protected override bool VerifyDigestCore(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, HashAlgorithmName hash) =>
        _key.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence);
}
