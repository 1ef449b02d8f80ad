using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Tests.Certificates;

/// <summary>What one test certificate looks like; each test changes exactly one field of a good default.</summary>
internal sealed record CertSpec
{
    public required string Subject { get; init; }

    /// <summary>basicConstraints cA; null leaves the extension out.</summary>
    public bool? Ca { get; init; }

    public int? PathLength { get; init; }

    public X509KeyUsageFlags? KeyUsage { get; init; }

    public string[]? Eku { get; init; }

    public bool EkuCritical { get; init; }

    public DateTimeOffset NotBefore { get; init; } = TestPki.Now.AddYears(-1);

    public DateTimeOffset NotAfter { get; init; } = TestPki.Now.AddYears(1);

    public IReadOnlyList<X509Extension> Extra { get; init; } = [];

    public HashAlgorithmName Hash { get; init; } = HashAlgorithmName.SHA256;
}

/// <summary>A key and the certificate issued for it.</summary>
internal sealed record Issued(ECDsa Key, X509Certificate2 Certificate)
{
    public X500DistinguishedName Name => Certificate.SubjectName;
}

/// <summary>Mints X.509 test certificates with <see cref="CertificateRequest"/> (ECDSA P-256).</summary>
internal static class TestPki
{
    public const string CodeSigning = "1.3.6.1.5.5.7.3.3";
    public const string TimeStamping = "1.3.6.1.5.5.7.3.8";
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    public const string AnyEku = "2.5.29.37.0";

    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static CertSpec RootSpec(string name = "CN=test-root") => new()
    {
        Subject = name,
        Ca = true,
        KeyUsage = X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign,
        NotBefore = Now.AddYears(-5),
        NotAfter = Now.AddYears(5),
    };

    public static CertSpec IntermediateSpec(string name = "CN=test-intermediate") => new()
    {
        Subject = name,
        Ca = true,
        PathLength = 0,
        KeyUsage = X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign,
        Eku = [CodeSigning],
        NotBefore = Now.AddYears(-2),
        NotAfter = Now.AddYears(2),
    };

    /// <summary>Like a Fulcio leaf: empty subject, critical email SAN, digitalSignature, EKU codeSigning, 10 minutes.</summary>
    public static CertSpec FulcioLeafSpec() => new()
    {
        Subject = "",
        KeyUsage = X509KeyUsageFlags.DigitalSignature,
        Eku = [CodeSigning],
        NotBefore = Now.AddMinutes(-5),
        NotAfter = Now.AddMinutes(5),
        Extra = [EmailSan("signer@example.com")],
    };

    public static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static Issued SelfSigned(CertSpec spec)
    {
        var key = NewKey();
        var name = new X500DistinguishedName(spec.Subject);
        return new Issued(key, Create(spec, key, name, key));
    }

    public static Issued IssueBy(CertSpec spec, Issued issuer) => IssueBy(spec, issuer.Name, issuer.Key);

    public static Issued IssueBy(CertSpec spec, X500DistinguishedName issuerName, ECDsa issuerKey)
    {
        var key = NewKey();
        return new Issued(key, Create(spec, key, issuerName, issuerKey));
    }

    public static X509Certificate2 Create(CertSpec spec, ECDsa subjectKey, X500DistinguishedName issuerName, ECDsa issuerKey, byte[]? serial = null, IEnumerable<X509Extension>? appended = null)
    {
        var request = Request(spec, subjectKey);
        foreach (var extension in appended ?? [])
        {
            request.CertificateExtensions.Add(extension);
        }
        var generator = X509SignatureGenerator.CreateForECDsa(issuerKey);
        return request.Create(issuerName, generator, spec.NotBefore, spec.NotAfter, serial ?? RandomNumberGenerator.GetBytes(8).Select((b, i) => i == 0 ? (byte)(b & 0x7F | 0x01) : b).ToArray());
    }

    public static CertificateRequest Request(CertSpec spec, ECDsa subjectKey)
    {
        var request = new CertificateRequest(new X500DistinguishedName(spec.Subject), subjectKey, spec.Hash);
        if (spec.Ca is bool ca)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, spec.PathLength is not null, spec.PathLength ?? 0, critical: true));
        }
        if (spec.KeyUsage is { } usage)
        {
            request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        }
        if (spec.Eku is { } ekus)
        {
            var oids = new OidCollection();
            foreach (var eku in ekus)
            {
                oids.Add(new Oid(eku));
            }
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, spec.EkuCritical));
        }
        foreach (var extension in spec.Extra)
        {
            request.CertificateExtensions.Add(extension);
        }
        return request;
    }

    public static X509Extension EmailSan(string email)
    {
        var builder = new SubjectAlternativeNameBuilder();
        builder.AddEmailAddress(email);
        return builder.Build(critical: true);
    }

    /// <summary>A Fulcio-style otherName SAN: OtherName{1.3.6.1.4.1.57264.1.7, [0] EXPLICIT UTF8String}.</summary>
    public static X509Extension OtherNameSan(string username)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
        {
            writer.WriteObjectIdentifier("1.3.6.1.4.1.57264.1.7");
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            {
                writer.WriteCharacterString(UniversalTagNumber.UTF8String, username);
            }
        }
        return new X509Extension("2.5.29.17", writer.Encode(), critical: true);
    }

    public static X509Extension DerStringExtension(string oid, string value)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteCharacterString(UniversalTagNumber.UTF8String, value);
        return new X509Extension(oid, writer.Encode(), critical: false);
    }

    public static X509Extension RawStringExtension(string oid, string value) =>
        new(oid, System.Text.Encoding.UTF8.GetBytes(value), critical: false);

    public static CertificateAuthority Authority(IReadOnlyList<X509Certificate2> chain, ValidityPeriod? validity = null, string uri = "https://ca.test") => new()
    {
        Uri = uri,
        CommonName = "test",
        Chain = chain,
        Validity = validity ?? new ValidityPeriod(Now.AddYears(-3), null),
    };
}

/// <summary>A Fulcio-like root → intermediate → leaf hierarchy; any one of the three specs can be changed.</summary>
internal sealed class FulcioPki
{
    public required Issued Root { get; init; }

    public required Issued Intermediate { get; init; }

    public required Issued Leaf { get; init; }

    public static FulcioPki Create(
        Func<CertSpec, CertSpec>? root = null,
        Func<CertSpec, CertSpec>? intermediate = null,
        Func<CertSpec, CertSpec>? leaf = null)
    {
        var r = TestPki.SelfSigned((root ?? (s => s))(TestPki.RootSpec()));
        var i = TestPki.IssueBy((intermediate ?? (s => s))(TestPki.IntermediateSpec()), r);
        var l = TestPki.IssueBy((leaf ?? (s => s))(TestPki.FulcioLeafSpec()), i);
        return new FulcioPki { Root = r, Intermediate = i, Leaf = l };
    }

    public CertificateAuthority Authority(ValidityPeriod? validity = null) =>
        TestPki.Authority([Intermediate.Certificate, Root.Certificate], validity);
}
