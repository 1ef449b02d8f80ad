using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImageGate.Sigstore.Crypto;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Tests.Certificates;

/// <summary>A test CT log: signs RFC 6962 precertificate SCTs that get embedded into leaves.</summary>
internal sealed class TestCt
{
    public const string SctListOid = "1.3.6.1.4.1.11129.2.4.2";

    public TestCt(ValidityPeriod? validity = null)
    {
        Key = TestPki.NewKey();
        Spki = Key.ExportSubjectPublicKeyInfo();
        LogId = SHA256.HashData(Spki);
        Validity = validity ?? new ValidityPeriod(TestPki.Now.AddYears(-1), null);
    }

    public ECDsa Key { get; }

    public byte[] Spki { get; }

    public byte[] LogId { get; }

    public ValidityPeriod Validity { get; init; }

    public TransparencyLog Log()
    {
        Assert.True(VerificationKey.TryCreate(Spki, out var key));
        return new TransparencyLog { BaseUrl = "https://ct.test", LogId = LogId, Key = key, KeyDetails = "PKIX_ECDSA_P256_SHA_256", Validity = Validity };
    }

    public static TrustedRoot Root(params TestCt[] logs) => new()
    {
        MediaType = "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
        TransparencyLogs = [],
        CertificateAuthorities = [],
        CtLogs = logs.Select(l => l.Log()).ToList(),
        TimestampAuthorities = [],
        Sha256 = "sha256:test",
    };

    /// <summary>An SCT v1 over the precertificate entry, in its TLS encoding.</summary>
    public byte[] Sct(DateTimeOffset time, byte[] issuerSpki, byte[] precertTbs, byte[]? extensions = null, bool flipSignature = false)
    {
        extensions ??= [];
        ulong ms = (ulong)time.ToUnixTimeMilliseconds();
        var input = new List<byte> { 0, 0 };
        input.AddRange(BigEndian(ms, 8));
        input.AddRange(BigEndian(1, 2));
        input.AddRange(SHA256.HashData(issuerSpki));
        input.AddRange(BigEndian((ulong)precertTbs.Length, 3));
        input.AddRange(precertTbs);
        input.AddRange(BigEndian((ulong)extensions.Length, 2));
        input.AddRange(extensions);
        var signature = Key.SignData(input.ToArray(), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        if (flipSignature)
        {
            signature[^1] ^= 0x01;
        }
        var sct = new List<byte> { 0 };
        sct.AddRange(LogId);
        sct.AddRange(BigEndian(ms, 8));
        sct.AddRange(BigEndian((ulong)extensions.Length, 2));
        sct.AddRange(extensions);
        sct.Add(4); // sha256
        sct.Add(3); // ecdsa
        sct.AddRange(BigEndian((ulong)signature.Length, 2));
        sct.AddRange(signature);
        return sct.ToArray();
    }

    /// <summary>extnValue of the SCT list extension: OCTET STRING wrapping the TLS SignedCertificateTimestampList.</summary>
    public static byte[] ListExtensionValue(params byte[][] scts)
    {
        var body = new List<byte>();
        foreach (var sct in scts)
        {
            body.AddRange(BigEndian((ulong)sct.Length, 2));
            body.AddRange(sct);
        }
        var list = new List<byte>(BigEndian((ulong)body.Count, 2));
        list.AddRange(body);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteOctetString(list.ToArray());
        return writer.Encode();
    }

    /// <summary>
    /// Issues a leaf twice with the same serial and fields: first without the SCT list (its TBS is what the CT
    /// log signs), then with the SCT list extension appended.
    /// </summary>
    public static (X509Certificate2 Final, byte[] PrecertTbs) IssueWithScts(CertSpec spec, Issued issuer, Func<byte[], byte[][]> makeScts)
    {
        var key = TestPki.NewKey();
        byte[] serial = [0x42, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07];
        var precert = TestPki.Create(spec, key, issuer.Name, issuer.Key, serial);
        var tbs = TbsOf(precert);
        var extension = new X509Extension(SctListOid, ListExtensionValue(makeScts(tbs)), critical: false);
        var final = TestPki.Create(spec, key, issuer.Name, issuer.Key, serial, [extension]);
        return (final, tbs);
    }

    public static byte[] TbsOf(X509Certificate2 certificate)
    {
        var reader = new AsnReader(certificate.RawData, AsnEncodingRules.DER).ReadSequence();
        return reader.ReadEncodedValue().ToArray();
    }

    private static byte[] BigEndian(ulong value, int bytes)
    {
        var buffer = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(buffer, value);
        return buffer[(8 - bytes)..];
    }
}
