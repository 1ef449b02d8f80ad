using System.Formats.Asn1;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImageGate.Sigstore.Crypto;

namespace ImageGate.Sigstore.Certificates;

/// <summary>
/// A certificate read once with <see cref="AsnReader"/>: the raw TBS and signature, names, validity and the
/// extensions chain validation needs. Instances are cached per <see cref="X509Certificate2"/>, so a trust-root
/// certificate is parsed, its key imported and each issuer signature verified at most once per process.
/// </summary>
internal sealed class ParsedCertificate
{
    private static readonly ConditionalWeakTable<X509Certificate2, ParsedCertificate> Cache = new();

    private readonly Lock _gate = new();
    private readonly List<(ParsedCertificate Parent, bool Verified)> _signatureResults = [];
    private VerificationKey? _key;
    private bool _keyTried;

    private ParsedCertificate(X509Certificate2 certificate)
    {
        Certificate = certificate;
        Raw = certificate.RawDataMemory;
    }

    public X509Certificate2 Certificate { get; }

    public ReadOnlyMemory<byte> Raw { get; }

    public ReadOnlyMemory<byte> Tbs { get; private set; }

    public string SignatureAlgorithm { get; private set; } = string.Empty;

    public ReadOnlyMemory<byte> Signature { get; private set; }

    public ReadOnlyMemory<byte> SerialNumber { get; private set; }

    /// <summary>The issuer Name, DER, as in the TBS (chaining compares these bytes with the parent's subject).</summary>
    public ReadOnlyMemory<byte> Issuer { get; private set; }

    public ReadOnlyMemory<byte> Subject { get; private set; }

    public ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; private set; }

    public DateTimeOffset NotBefore { get; private set; }

    public DateTimeOffset NotAfter { get; private set; }

    public IReadOnlyList<CertificateExtension> Extensions { get; private set; } = [];

    public bool HasBasicConstraints { get; private set; }

    public bool IsCa { get; private set; }

    /// <summary>basicConstraints pathLenConstraint; null when absent (unlimited).</summary>
    public int? PathLength { get; private set; }

    /// <summary>The keyUsage bits (bit 0 = digitalSignature is 0x80 of the first byte); null when absent.</summary>
    public byte[]? KeyUsage { get; private set; }

    /// <summary>The extendedKeyUsage purposes; null when the extension is absent (unrestricted, as in Go).</summary>
    public IReadOnlyList<string>? ExtendedKeyUsages { get; private set; }

    public bool ExtendedKeyUsageCritical { get; private set; }

    /// <summary>keyUsage keyCertSign (RFC 5280 §4.2.1.3, bit 5).</summary>
    public bool AllowsKeyCertSign => KeyUsage is null || (KeyUsage.Length > 0 && (KeyUsage[0] & 0x04) != 0);

    public string Describe()
    {
        try
        {
            var subject = Certificate.Subject;
            return subject.Length == 0 ? $"certificate with serial {Convert.ToHexStringLower(SerialNumber.Span)}" : $"\"{subject}\"";
        }
        catch (CryptographicException)
        {
            return "certificate";
        }
    }

    public bool ValidAt(DateTimeOffset time) => NotBefore <= time && time <= NotAfter;

    public CertificateExtension? FindExtension(string oid)
    {
        foreach (var extension in Extensions)
        {
            if (extension.Oid == oid)
            {
                return extension;
            }
        }
        return null;
    }

    /// <summary>The certificate's public key, imported once; null when its type is not supported.</summary>
    public VerificationKey? Key
    {
        get
        {
            lock (_gate)
            {
                if (!_keyTried)
                {
                    _keyTried = true;
                    VerificationKey.TryCreate(Certificate, out _key);
                }
                return _key;
            }
        }
    }

    /// <summary>True when <paramref name="parent"/>'s key verifies this certificate's signature (memoised).</summary>
    public bool IsSignedBy(ParsedCertificate parent)
    {
        lock (_gate)
        {
            foreach (var (p, verified) in _signatureResults)
            {
                if (ReferenceEquals(p, parent))
                {
                    return verified;
                }
            }
        }
        var key = parent.Key;
        bool ok = key is not null && SignatureAlgorithms.Verify(key, SignatureAlgorithm, Tbs.Span, Signature.Span);
        lock (_gate)
        {
            _signatureResults.Add((parent, ok));
        }
        return ok;
    }

    /// <summary>Parses (or returns the cached parse of) a certificate; a failure is <c>cert.malformed</c>.</summary>
    public static Failure? TryGet(X509Certificate2 certificate, out ParsedCertificate parsed)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (Cache.TryGetValue(certificate, out var cached))
        {
            parsed = cached;
            return null;
        }
        parsed = new ParsedCertificate(certificate);
        try
        {
            var problem = parsed.Parse();
            if (problem is not null)
            {
                return new Failure(ReasonCodes.CertificateMalformed, $"{problem}");
            }
        }
        catch (AsnContentException e)
        {
            return new Failure(ReasonCodes.CertificateMalformed, $"expected a DER X.509 certificate, found one that does not parse: {e.Message}");
        }
        catch (CryptographicException e)
        {
            return new Failure(ReasonCodes.CertificateMalformed, $"expected a DER X.509 certificate, found one that does not parse: {e.Message}");
        }
        var fresh = parsed;
        parsed = Cache.GetValue(certificate, _ => fresh);
        return null;
    }

    private string? Parse()
    {
        var outer = new AsnReader(Raw, AsnEncodingRules.DER).ReadSequence();
        Tbs = outer.ReadEncodedValue();
        var outerAlgorithm = outer.ReadSequence();
        SignatureAlgorithm = outerAlgorithm.ReadObjectIdentifier();
        Signature = outer.ReadBitString(out int unusedBits);
        if (unusedBits != 0)
        {
            return "the certificate signature BIT STRING has unused bits";
        }
        outer.ThrowIfNotEmpty();

        var tbs = new AsnReader(Tbs, AsnEncodingRules.DER).ReadSequence();
        var versionTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        if (tbs.PeekTag().HasSameClassAndValue(versionTag))
        {
            tbs.ReadSequence(versionTag).ReadInteger();
        }
        SerialNumber = tbs.ReadIntegerBytes();
        var innerAlgorithm = tbs.ReadSequence().ReadObjectIdentifier();
        // Go's x509 rejects a certificate whose TBS signature field names another algorithm than the outer one.
        if (innerAlgorithm != SignatureAlgorithm)
        {
            return $"expected the TBS signature algorithm to equal the outer one ({SignatureAlgorithm}), found {innerAlgorithm}";
        }
        Issuer = tbs.ReadEncodedValue();
        var validity = tbs.ReadSequence();
        NotBefore = ReadTime(validity);
        NotAfter = ReadTime(validity);
        validity.ThrowIfNotEmpty();
        Subject = tbs.ReadEncodedValue();
        SubjectPublicKeyInfo = tbs.ReadEncodedValue();
        var extensions = new List<CertificateExtension>();
        while (tbs.HasData)
        {
            var tag = tbs.PeekTag();
            if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 3)
            {
                var list = tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true)).ReadSequence();
                while (list.HasData)
                {
                    var ext = list.ReadSequence();
                    string oid = ext.ReadObjectIdentifier();
                    bool critical = ext.HasData && ext.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && ext.ReadBoolean();
                    var value = ext.ReadOctetString();
                    ext.ThrowIfNotEmpty();
                    foreach (var seen in extensions)
                    {
                        // Go's x509 parser: "certificate contains duplicate extensions".
                        if (seen.Oid == oid)
                        {
                            return $"expected each extension once, found {oid} twice";
                        }
                    }
                    extensions.Add(new CertificateExtension(oid, critical, value));
                }
            }
            else
            {
                tbs.ReadEncodedValue(); // issuerUniqueID [1] / subjectUniqueID [2]
            }
        }
        Extensions = extensions;
        foreach (var extension in extensions)
        {
            switch (extension.Oid)
            {
                case X509Oids.BasicConstraints:
                    ReadBasicConstraints(extension.Value);
                    break;
                case X509Oids.KeyUsage:
                    KeyUsage = new AsnReader(extension.Value, AsnEncodingRules.DER).ReadBitString(out _);
                    break;
                case X509Oids.ExtendedKeyUsage:
                    ExtendedKeyUsages = ReadExtendedKeyUsage(extension.Value);
                    ExtendedKeyUsageCritical = extension.Critical;
                    break;
            }
        }
        return null;
    }

    private void ReadBasicConstraints(ReadOnlyMemory<byte> value)
    {
        var reader = new AsnReader(value, AsnEncodingRules.DER);
        var seq = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        HasBasicConstraints = true;
        if (seq.HasData && seq.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
        {
            IsCa = seq.ReadBoolean();
        }
        if (seq.HasData)
        {
            PathLength = seq.TryReadInt32(out int n) && n >= 0 ? n : throw new AsnContentException("basicConstraints pathLenConstraint out of range");
        }
        seq.ThrowIfNotEmpty();
    }

    private static List<string> ReadExtendedKeyUsage(ReadOnlyMemory<byte> value)
    {
        var reader = new AsnReader(value, AsnEncodingRules.DER);
        var seq = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        var purposes = new List<string>();
        while (seq.HasData)
        {
            purposes.Add(seq.ReadObjectIdentifier());
        }
        return purposes;
    }

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
}
