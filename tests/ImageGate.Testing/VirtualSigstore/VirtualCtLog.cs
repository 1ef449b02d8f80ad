using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ImageGate.Testing.VirtualSigstore;

/// <summary>
/// A certificate-transparency log that only issues SCTs (RFC 6962 §3.2) for precertificates.
/// Its log id is SHA-256 of its DER SPKI, as in the trusted root's ctlogs[].logId.
/// </summary>
public sealed class VirtualCtLog : IDisposable
{
    public const string SctListOid = "1.3.6.1.4.1.11129.2.4.2";

    public VirtualCtLog(string baseUrl = "https://ctfe.virtual.test/2025")
    {
        BaseUrl = baseUrl;
        Key = new SigningKey(KeyType.EcdsaP256);
        LogId = SHA256.HashData(Key.SubjectPublicKeyInfo);
    }

    public string BaseUrl { get; }

    public SigningKey Key { get; }

    public byte[] LogId { get; }

    /// <summary>
    /// A serialized SCT v1 over the precert entry: 0 (v1) || 0 (certificate_timestamp) || uint64 ms ||
    /// uint16 1 (precert_entry) || SHA-256(issuer SPKI) || uint24 len || TBS || uint16 0 (no extensions).
    /// </summary>
    public byte[] CreateSct(byte[] precertTbs, byte[] issuerSpki, DateTimeOffset time, bool forge = false)
    {
        ulong ms = (ulong)time.ToUnixTimeMilliseconds();
        var signed = new List<byte> { 0, 0 };
        signed.AddRange(BigEndian(ms, 8));
        signed.AddRange(BigEndian(1, 2));
        signed.AddRange(SHA256.HashData(issuerSpki));
        signed.AddRange(BigEndian((ulong)precertTbs.Length, 3));
        signed.AddRange(precertTbs);
        signed.AddRange(BigEndian(0, 2));
        byte[] input = [.. signed];
        if (forge)
        {
            input[^3] ^= 0x01; // sign something else, so the signature is well-formed but wrong
        }
        byte[] signature = Key.Sign(input);

        var sct = new List<byte> { 0 };
        sct.AddRange(LogId);
        sct.AddRange(BigEndian(ms, 8));
        sct.AddRange(BigEndian(0, 2));
        sct.Add(4); // hash: sha256
        sct.Add(3); // signature: ecdsa
        sct.AddRange(BigEndian((ulong)signature.Length, 2));
        sct.AddRange(signature);
        return [.. sct];
    }

    /// <summary>The X.509 extension holding a SignedCertificateTimestampList: OCTET STRING { uint16 len, (uint16 len, SCT)* }.</summary>
    public static X509Extension SctListExtension(params byte[][] scts)
    {
        var list = new List<byte>();
        foreach (byte[] sct in scts)
        {
            list.AddRange(BigEndian((ulong)sct.Length, 2));
            list.AddRange(sct);
        }
        byte[] tls = [.. BigEndian((ulong)list.Count, 2), .. list];
        return new X509Extension(SctListOid, Der.OctetString(tls), critical: false);
    }

    private static byte[] BigEndian(ulong value, int bytes)
    {
        byte[] full = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(full, value);
        return full[(8 - bytes)..];
    }

    public void Dispose() => Key.Dispose();
}
