using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImageGate.Sigstore.Tests.Certificates;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Tests.Timestamps;

/// <summary>What one test timestamp looks like; each test changes exactly one field of a good default.</summary>
internal sealed record TokenSpec
{
    public required byte[] SignedBytes { get; init; }

    public DateTimeOffset GenTime { get; init; } = TestPki.Now;

    public HashAlgorithmName ImprintHash { get; init; } = HashAlgorithmName.SHA256;

    /// <summary>Overrides the imprint algorithm OID (e.g. SHA-1) while hashing with <see cref="ImprintHash"/>.</summary>
    public string? ImprintOid { get; init; }

    public int Status { get; init; }

    /// <summary>Store the TimeStampToken ContentInfo alone, without the TimeStampResp wrapper.</summary>
    public bool Bare { get; init; }

    public bool EmbedCertificates { get; init; } = true;

    public bool FlipSignature { get; init; }

    /// <summary>More certificates to embed after the leaf and intermediate.</summary>
    public IReadOnlyList<X509Certificate2> ExtraCertificates { get; init; } = [];

    /// <summary>Change the TSTInfo after computing the signed messageDigest attribute.</summary>
    public bool AlterTstInfoAfterSigning { get; init; }
}

/// <summary>A test timestamping authority: root → (intermediate) → TSA leaf, minting RFC 3161 responses.</summary>
internal sealed class TestTsa
{
    public required Issued Root { get; init; }

    public Issued? Intermediate { get; init; }

    public required Issued Leaf { get; init; }

    public static CertSpec LeafSpec() => new()
    {
        Subject = "CN=test-tsa",
        KeyUsage = X509KeyUsageFlags.DigitalSignature,
        Eku = [TestPki.TimeStamping],
        EkuCritical = true,
        NotBefore = TestPki.Now.AddYears(-1),
        NotAfter = TestPki.Now.AddYears(1),
    };

    public static TestTsa Create(
        Func<CertSpec, CertSpec>? leaf = null,
        Func<CertSpec, CertSpec>? intermediate = null,
        bool withIntermediate = false)
    {
        var root = TestPki.SelfSigned(TestPki.RootSpec("CN=test-tsa-root"));
        Issued? middle = null;
        var parent = root;
        if (withIntermediate || intermediate is not null)
        {
            middle = TestPki.IssueBy((intermediate ?? (s => s))(TestPki.IntermediateSpec("CN=test-tsa-intermediate") with { Eku = [TestPki.TimeStamping] }), root);
            parent = middle;
        }
        var l = TestPki.IssueBy((leaf ?? (s => s))(LeafSpec()), parent);
        return new TestTsa { Root = root, Intermediate = middle, Leaf = l };
    }

    /// <summary>The trust-root entry: [leaf, (intermediate), root].</summary>
    public CertificateAuthority Authority(ValidityPeriod? validity = null, bool includeLeaf = true)
    {
        var chain = new List<X509Certificate2>();
        if (includeLeaf)
        {
            chain.Add(Leaf.Certificate);
        }
        if (Intermediate is not null)
        {
            chain.Add(Intermediate.Certificate);
        }
        chain.Add(Root.Certificate);
        return TestPki.Authority(chain, validity ?? new ValidityPeriod(TestPki.Now.AddYears(-1), null), "https://tsa.test/api/v1/timestamp");
    }

    public byte[] Timestamp(TokenSpec spec)
    {
        var tstInfo = TstInfo(spec, spec.GenTime);
        var signedAttributes = SignedAttributes(SHA256.HashData(tstInfo));
        var signature = Leaf.Key.SignData(signedAttributes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        if (spec.FlipSignature)
        {
            signature[^1] ^= 0x01;
        }
        if (spec.AlterTstInfoAfterSigning)
        {
            tstInfo = TstInfo(spec, spec.GenTime.AddSeconds(1));
        }
        var contentInfo = ContentInfo(spec, tstInfo, signedAttributes, signature);
        if (spec.Bare)
        {
            return contentInfo;
        }
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteInteger(spec.Status);
            }
            if (spec.Status is 0 or 1)
            {
                writer.WriteEncodedValue(contentInfo);
            }
        }
        return writer.Encode();
    }

    private static byte[] TstInfo(TokenSpec spec, DateTimeOffset genTime)
    {
        var hash = spec.ImprintHash;
        string oid = spec.ImprintOid ?? (hash == HashAlgorithmName.SHA512 ? "2.16.840.1.101.3.4.2.3" : hash == HashAlgorithmName.SHA384 ? "2.16.840.1.101.3.4.2.2" : "2.16.840.1.101.3.4.2.1");
        byte[] imprint = hash == HashAlgorithmName.SHA512 ? SHA512.HashData(spec.SignedBytes)
            : hash == HashAlgorithmName.SHA384 ? SHA384.HashData(spec.SignedBytes)
            : hash == HashAlgorithmName.SHA1 ? SHA1.HashData(spec.SignedBytes)
            : SHA256.HashData(spec.SignedBytes);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            writer.WriteObjectIdentifier("1.3.6.1.4.1.57264.2");
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(oid);
                    writer.WriteNull();
                }
                writer.WriteOctetString(imprint);
            }
            writer.WriteInteger(0x1234);
            writer.WriteGeneralizedTime(genTime, omitFractionalSeconds: true);
        }
        return writer.Encode();
    }

    /// <summary>The signed attributes as the DER SET OF that is signed (RFC 5652 §5.4).</summary>
    private static byte[] SignedAttributes(byte[] tstInfoDigest)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSetOf())
        {
            WriteAttributes(writer, tstInfoDigest);
        }
        return writer.Encode();
    }

    private static void WriteAttributes(AsnWriter writer, byte[] tstInfoDigest)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier("1.2.840.113549.1.9.3");
            using (writer.PushSetOf())
            {
                writer.WriteObjectIdentifier("1.2.840.113549.1.9.16.1.4");
            }
        }
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier("1.2.840.113549.1.9.4");
            using (writer.PushSetOf())
            {
                writer.WriteOctetString(tstInfoDigest);
            }
        }
    }

    private byte[] ContentInfo(TokenSpec spec, byte[] tstInfo, byte[] signedAttributes, byte[] signature)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier("1.2.840.113549.1.7.2");
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            using (writer.PushSequence())
            {
                writer.WriteInteger(3);
                using (writer.PushSetOf())
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier("2.16.840.1.101.3.4.2.1");
                }
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier("1.2.840.113549.1.9.16.1.4");
                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                    {
                        writer.WriteOctetString(tstInfo);
                    }
                }
                if (spec.EmbedCertificates)
                {
                    using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                    {
                        writer.WriteEncodedValue(Leaf.Certificate.RawData);
                        if (Intermediate is not null)
                        {
                            writer.WriteEncodedValue(Intermediate.Certificate.RawData);
                        }
                        foreach (var extra in spec.ExtraCertificates)
                        {
                            writer.WriteEncodedValue(extra.RawData);
                        }
                    }
                }
                using (writer.PushSetOf())
                using (writer.PushSequence())
                {
                    writer.WriteInteger(1);
                    using (writer.PushSequence())
                    {
                        writer.WriteEncodedValue(Leaf.Certificate.IssuerName.RawData);
                        writer.WriteInteger(Leaf.Certificate.SerialNumberBytes.Span);
                    }
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier("2.16.840.1.101.3.4.2.1");
                    }
                    // [0] IMPLICIT SignedAttributes: the same content as the signed SET OF.
                    var attributes = new AsnReader(signedAttributes, AsnEncodingRules.DER).ReadSetOf();
                    using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                    {
                        while (attributes.HasData)
                        {
                            writer.WriteEncodedValue(attributes.ReadEncodedValue().Span);
                        }
                    }
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier("1.2.840.10045.4.3.2");
                    }
                    writer.WriteOctetString(signature);
                }
            }
        }
        return writer.Encode();
    }
}
