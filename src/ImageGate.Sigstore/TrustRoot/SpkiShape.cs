using System.Formats.Asn1;

namespace ImageGate.Sigstore.TrustRoot;

/// <summary>
/// A structural check of a trust-root key at load time, without importing it (import runs OpenSSL's key check, a
/// scalar multiplication per key, and a run needs only the keys its bundle names). A key of a known algorithm must
/// have that algorithm's shape: a garbage log key is then a trust-root error that names its entry, not a
/// "threshold not met" at verification. A well-formed key of an algorithm not supported here is kept, unusable.
/// </summary>
internal static class SpkiShape
{
    private const string EcPublicKey = "1.2.840.10045.2.1";
    private const string Rsa = "1.2.840.113549.1.1.1";
    private const string Ed25519 = "1.3.101.112";

    /// <summary>Null when the key is well formed; <paramref name="supported"/> says whether it can be used here.
    /// <paramref name="keyDetails"/> PKCS1_* keys are a bare PKCS#1 RSAPublicKey (staging's legacy CT log has one):
    /// well formed, but not imported here.</summary>
    public static string? Check(byte[] spki, string? keyDetails, out bool supported)
    {
        supported = false;
        if (spki.Length == 0)
        {
            return "is empty";
        }
        if (keyDetails is not null && keyDetails.StartsWith("PKCS1_", StringComparison.Ordinal))
        {
            try
            {
                return RsaKey(spki);
            }
            catch (AsnContentException)
            {
                return $"is not a DER PKCS#1 RSAPublicKey, as keyDetails {keyDetails} requires";
            }
        }
        try
        {
            var reader = new AsnReader(spki, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            if (reader.HasData)
            {
                return "has bytes after the SubjectPublicKeyInfo";
            }
            var algorithm = sequence.ReadSequence();
            string oid = algorithm.ReadObjectIdentifier();
            string? parameter = algorithm.HasData && algorithm.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier)
                ? algorithm.ReadObjectIdentifier()
                : null;
            var bits = sequence.ReadBitString(out int unused);
            if (unused != 0 || sequence.HasData)
            {
                return "is not a DER SubjectPublicKeyInfo";
            }
            string? problem = oid switch
            {
                EcPublicKey => EcPoint(parameter, bits),
                Ed25519 => bits.Length == 32 ? null : $"holds an Ed25519 key of {bits.Length} bytes; expected 32",
                Rsa => RsaKey(bits),
                _ => null,
            };
            supported = problem is null && oid is EcPublicKey or Ed25519 or Rsa;
            return problem;
        }
        catch (AsnContentException)
        {
            return "is not a DER SubjectPublicKeyInfo";
        }
    }

    private static string? EcPoint(string? curve, byte[] point)
    {
        int? coordinate = curve switch
        {
            "1.2.840.10045.3.1.7" => 32,
            "1.3.132.0.34" => 48,
            "1.3.132.0.35" => 66,
            _ => null,
        };
        if (coordinate is not { } size)
        {
            return $"names an elliptic curve that is not P-256, P-384 or P-521 ({curve ?? "none"})";
        }
        bool uncompressed = point.Length == 1 + 2 * size && point[0] == 0x04;
        bool compressed = point.Length == 1 + size && point[0] is 0x02 or 0x03;
        return uncompressed || compressed ? null : $"holds an EC point of {point.Length} bytes that is not a P-{(size == 66 ? 521 : size * 8)} point encoding";
    }

    private static string? RsaKey(byte[] bits)
    {
        var reader = new AsnReader(bits, AsnEncodingRules.DER);
        var key = reader.ReadSequence();
        var modulus = key.ReadIntegerBytes();
        key.ReadIntegerBytes();
        return reader.HasData || key.HasData || modulus.Length < 256 ? "is not an RSA public key of at least 2048 bits" : null;
    }
}
