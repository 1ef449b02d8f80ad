using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Ess;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities.Collections;
using BcAttribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using BcX509Certificate = Org.BouncyCastle.X509.X509Certificate;
using System.Security.Cryptography.X509Certificates;

namespace ImageGate.Testing.VirtualSigstore;

/// <summary>
/// An RFC 3161 time-stamping authority: a self-signed root and a leaf with a critical EKU holding only
/// timeStamping. Responses are TimeStampResp DER (status granted + a CMS SignedData over a TSTInfo).
/// </summary>
public sealed class VirtualTsa : IDisposable
{
    private const string TstInfoContentType = "1.2.840.113549.1.9.16.1.4";
    private readonly ECDsa _rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private long _serial = 1;

    public VirtualTsa(DateTimeOffset notBefore, DateTimeOffset notAfter, string name = "virtual-tsa")
    {
        Uri = $"https://{name}.virtual.test/api/v1/timestamp";
        var rootName = new X500DistinguishedName($"CN={name}-root, O=virtual.test");
        var rootRequest = new CertificateRequest(rootName, _rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        Root = rootRequest.Create(rootName, X509SignatureGenerator.CreateForECDsa(_rootKey), notBefore, notAfter, Der.RandomSerial());

        var leafName = new X500DistinguishedName($"CN={name}, O=virtual.test");
        var leafRequest = new CertificateRequest(leafName, _leafKey, HashAlgorithmName.SHA256);
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], critical: true));
        leafRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(leafRequest.PublicKey, false));
        leafRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        Leaf = leafRequest.Create(rootName, X509SignatureGenerator.CreateForECDsa(_rootKey), notBefore, notAfter, Der.RandomSerial());
    }

    public string Uri { get; }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Leaf { get; }

    /// <summary>The trusted-root order: TSA leaf first, root last.</summary>
    public IReadOnlyList<X509Certificate2> Chain => [Leaf, Root];

    /// <summary>
    /// A TimeStampResp whose messageImprint is H(<paramref name="data"/>) (Sigstore timestamps the signature bytes).
    /// </summary>
    public byte[] Timestamp(ReadOnlySpan<byte> data, DateTimeOffset genTime, bool embedCertificate = true, HashAlgorithmName? hash = null)
    {
        var h = hash ?? HashAlgorithmName.SHA256;
        byte[] imprint = CryptographicOperations.HashData(h, data);
        byte[] tstInfo = TstInfo(h, imprint, genTime, _serial++);

        byte[] token = SignedData(tstInfo, genTime, embedCertificate);

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteInteger(0); // PKIStatus granted
            }
            writer.WriteEncodedValue(token);
        }
        return writer.Encode();
    }

    /// <summary>
    /// CMS SignedData (BouncyCastle; .NET's SignedCms lives in a package this repository does not use) with
    /// eContentType id-ct-TSTInfo and an ESSCertIDv2 signed attribute binding the TSA leaf (RFC 5816).
    /// </summary>
    private byte[] SignedData(byte[] tstInfo, DateTimeOffset genTime, bool embedCertificate)
    {
        var bcLeaf = new BcX509Certificate(Leaf.RawData);
        var essCertId = new SigningCertificateV2([new EssCertIDv2(SHA256.HashData(Leaf.RawData))]);
        var attributes = new Asn1EncodableVector
        {
            new BcAttribute(PkcsObjectIdentifiers.IdAASigningCertificateV2, new DerSet(essCertId)),
            // BouncyCastle would otherwise stamp the wall-clock time here; the virtual clock decides every time.
            new BcAttribute(CmsAttributes.SigningTime, new DerSet(new Time(genTime.UtcDateTime))),
        };
        var generator = new CmsSignedDataGenerator();
        generator.AddSigner(PrivateKeyFactory.CreateKey(_leafKey.ExportPkcs8PrivateKey()), bcLeaf,
            CmsSignedGenerator.DigestSha256, new AttributeTable(attributes), null);
        if (embedCertificate)
        {
            generator.AddCertificates(CollectionUtilities.CreateStore(new List<BcX509Certificate> { bcLeaf }));
        }
        var signed = generator.Generate(new CmsProcessableByteArray(new DerObjectIdentifier(TstInfoContentType), tstInfo), encapsulate: true);
        return signed.GetEncoded("DER");
    }

    private static byte[] TstInfo(HashAlgorithmName hash, byte[] imprint, DateTimeOffset genTime, long serial)
    {
        string hashOid = hash.Name switch
        {
            "SHA256" => "2.16.840.1.101.3.4.2.1",
            "SHA384" => "2.16.840.1.101.3.4.2.2",
            "SHA512" => "2.16.840.1.101.3.4.2.3",
            "SHA1" => "1.3.14.3.2.26",
            _ => throw new ArgumentException($"unsupported hash {hash}", nameof(hash)),
        };
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            writer.WriteObjectIdentifier("1.3.6.1.4.1.57264.2"); // Sigstore's TSA policy
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(hashOid);
                }
                writer.WriteOctetString(imprint);
            }
            writer.WriteInteger(new BigInteger(serial));
            writer.WriteGeneralizedTime(genTime, omitFractionalSeconds: true);
        }
        return writer.Encode();
    }

    public void Dispose()
    {
        _rootKey.Dispose();
        _leafKey.Dispose();
        Root.Dispose();
        Leaf.Dispose();
    }
}
