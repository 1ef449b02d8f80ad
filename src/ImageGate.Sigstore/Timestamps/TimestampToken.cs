using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ImageGate.Sigstore.Timestamps;

/// <summary>
/// An RFC 3161 TimeStampToken read by hand with <see cref="AsnReader"/>: the CMS SignedData (RFC 5652 §5) with
/// its single SignerInfo, the embedded certificates, and the TSTInfo it signs. Nothing here is trusted yet.
/// </summary>
internal sealed class TimestampToken
{
    private TimestampToken()
    {
    }

    /// <summary>The TSTInfo DER (the encapsulated eContent the signature covers through messageDigest).</summary>
    public byte[] TstInfoDer { get; private set; } = [];

    public string ImprintAlgorithm { get; private set; } = string.Empty;

    public byte[] HashedMessage { get; private set; } = [];

    public DateTimeOffset GenTime { get; private set; }

    public IReadOnlyList<X509Certificate2> Certificates { get; private set; } = [];

    /// <summary>SignerIdentifier as IssuerAndSerialNumber (issuer Name DER and serial contents) or SKI.</summary>
    public ReadOnlyMemory<byte>? SignerIssuer { get; private set; }

    public BigInteger SignerSerial { get; private set; }

    public byte[]? SignerKeyIdentifier { get; private set; }

    public string DigestAlgorithm { get; private set; } = string.Empty;

    /// <summary>The DER SET OF signed attributes (tag rewritten from [0] to SET, RFC 5652 §5.4); null if absent.</summary>
    public byte[]? SignedAttributes { get; private set; }

    public string? ContentTypeAttribute { get; private set; }

    public byte[]? MessageDigestAttribute { get; private set; }

    public string SignatureAlgorithm { get; private set; } = string.Empty;

    public byte[] Signature { get; private set; } = [];

    /// <summary>
    /// Reads a DER TimeStampResp (<c>SEQUENCE{PKIStatusInfo, ContentInfo}</c>) or a bare TimeStampToken
    /// ContentInfo, which some writers store alone. Returns a sentence when the bytes are not one.
    /// </summary>
    public static string? TryDecode(ReadOnlyMemory<byte> der, out TimestampToken? token)
    {
        token = null;
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.BER);
            var outer = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            ReadOnlyMemory<byte> contentInfo;
            if (outer.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                // TimeStampResp: "status must be granted" (§4.3 rule 1); like digitorus/timestamp, which
                // sigstore-go uses, grantedWithMods (1) is refused too.
                var statusInfo = outer.ReadSequence();
                var status = statusInfo.ReadInteger();
                if (status != 0)
                {
                    return $"expected the TimeStampResp status to be granted (0), found {status}";
                }
                if (!outer.HasData)
                {
                    return "expected the TimeStampResp to carry a token, found only a status";
                }
                contentInfo = outer.ReadEncodedValue();
                outer.ThrowIfNotEmpty();
            }
            else
            {
                contentInfo = der;
            }
            var parsed = new TimestampToken();
            var problem = parsed.ReadContentInfo(contentInfo);
            if (problem is not null)
            {
                return problem;
            }
            token = parsed;
            return null;
        }
        catch (AsnContentException e)
        {
            return $"expected a DER TimeStampResp or TimeStampToken, found bytes that do not parse: {e.Message}";
        }
        catch (CryptographicException e)
        {
            return $"expected the timestamp's certificates to parse, found: {e.Message}";
        }
    }

    private string? ReadContentInfo(ReadOnlyMemory<byte> contentInfo)
    {
        var reader = new AsnReader(contentInfo, AsnEncodingRules.BER);
        var ci = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        string contentType = ci.ReadObjectIdentifier();
        if (contentType != TimestampOids.SignedData)
        {
            return $"expected a CMS SignedData token ({TimestampOids.SignedData}), found content type {contentType}";
        }
        var explicitContent = ci.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
        var signedData = explicitContent.ReadSequence();
        explicitContent.ThrowIfNotEmpty();
        ci.ThrowIfNotEmpty();

        signedData.ReadInteger(); // version
        signedData.ReadSetOf(skipSortOrderValidation: true); // digestAlgorithms
        var encapsulated = signedData.ReadSequence();
        string eContentType = encapsulated.ReadObjectIdentifier();
        if (eContentType != TimestampOids.TstInfo)
        {
            return $"expected the signed content to be a TSTInfo ({TimestampOids.TstInfo}), found {eContentType}";
        }
        var eContent = encapsulated.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
        TstInfoDer = eContent.ReadOctetString();
        eContent.ThrowIfNotEmpty();
        encapsulated.ThrowIfNotEmpty();

        var certificates = new List<X509Certificate2>();
        var certificatesTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        if (signedData.HasData && signedData.PeekTag().HasSameClassAndValue(certificatesTag))
        {
            var set = signedData.ReadSetOf(skipSortOrderValidation: true, certificatesTag);
            while (set.HasData)
            {
                bool isCertificate = set.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence);
                var encoded = set.ReadEncodedValue();
                if (!isCertificate)
                {
                    continue; // other CertificateChoices (attribute certificates, ...) play no part here
                }
                if (certificates.Count == Limits.MaxCertificatesInChain)
                {
                    return $"expected at most {Limits.MaxCertificatesInChain} certificates in the timestamp token, found more";
                }
                certificates.Add(X509CertificateLoader.LoadCertificate(encoded.Span));
            }
        }
        Certificates = certificates;
        var crlsTag = new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true);
        if (signedData.HasData && signedData.PeekTag().HasSameClassAndValue(crlsTag))
        {
            signedData.ReadEncodedValue();
        }
        var signerInfos = signedData.ReadSetOf(skipSortOrderValidation: true);
        signedData.ThrowIfNotEmpty();
        var signerInfo = signerInfos.ReadSequence();
        if (signerInfos.HasData)
        {
            return "expected exactly one SignerInfo in the timestamp token, found more";
        }
        ReadSignerInfo(signerInfo);
        return ReadTstInfo();
    }

    private void ReadSignerInfo(AsnReader signerInfo)
    {
        signerInfo.ReadInteger(); // version
        if (signerInfo.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var issuerAndSerial = signerInfo.ReadSequence();
            SignerIssuer = issuerAndSerial.ReadEncodedValue();
            SignerSerial = issuerAndSerial.ReadInteger();
            issuerAndSerial.ThrowIfNotEmpty();
        }
        else
        {
            SignerKeyIdentifier = signerInfo.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, 0));
        }
        DigestAlgorithm = signerInfo.ReadSequence().ReadObjectIdentifier();
        var signedAttributesTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        if (signerInfo.PeekTag().HasSameClassAndValue(signedAttributesTag))
        {
            var raw = signerInfo.ReadEncodedValue().ToArray();
            ReadSignedAttributes(raw, signedAttributesTag);
            // RFC 5652 §5.4: the signature covers the DER of the attributes with the EXPLICIT SET OF tag.
            raw[0] = 0x31;
            SignedAttributes = raw;
        }
        SignatureAlgorithm = signerInfo.ReadSequence().ReadObjectIdentifier();
        Signature = signerInfo.ReadOctetString();
        // unsignedAttrs [1] are not signed and not read.
    }

    private void ReadSignedAttributes(byte[] raw, Asn1Tag tag)
    {
        var attributes = new AsnReader(raw, AsnEncodingRules.BER).ReadSetOf(skipSortOrderValidation: true, tag);
        while (attributes.HasData)
        {
            var attribute = attributes.ReadSequence();
            string type = attribute.ReadObjectIdentifier();
            var values = attribute.ReadSetOf(skipSortOrderValidation: true);
            var value = values.ReadEncodedValue();
            if (values.HasData)
            {
                throw new AsnContentException($"signed attribute {type} must have exactly one value");
            }
            switch (type)
            {
                case TimestampOids.ContentTypeAttribute:
                    ContentTypeAttribute = new AsnReader(value, AsnEncodingRules.BER).ReadObjectIdentifier();
                    break;
                case TimestampOids.MessageDigestAttribute:
                    MessageDigestAttribute = new AsnReader(value, AsnEncodingRules.BER).ReadOctetString();
                    break;
            }
        }
    }

    /// <summary>TSTInfo (RFC 3161 §2.4.2): version 1, policy, messageImprint, serialNumber, genTime, ...</summary>
    private string? ReadTstInfo()
    {
        var reader = new AsnReader(TstInfoDer, AsnEncodingRules.DER);
        var info = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        var version = info.ReadInteger();
        if (version != 1)
        {
            return $"expected TSTInfo version 1, found {version}";
        }
        info.ReadObjectIdentifier(); // policy
        var imprint = info.ReadSequence();
        ImprintAlgorithm = imprint.ReadSequence().ReadObjectIdentifier();
        HashedMessage = imprint.ReadOctetString();
        imprint.ThrowIfNotEmpty();
        info.ReadInteger(); // serialNumber
        GenTime = info.ReadGeneralizedTime();
        return null;
    }
}
