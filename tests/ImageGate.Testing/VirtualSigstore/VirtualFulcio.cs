using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ImageGate.Testing.VirtualSigstore;

public enum SanType
{
    Uri,
    Email,
}

/// <summary>What a Fulcio leaf says about its holder.</summary>
public sealed class LeafRequest
{
    public required SigningKey SubjectKey { get; init; }

    public required string SubjectAlternativeName { get; init; }

    public SanType SanType { get; init; } = SanType.Uri;

    /// <summary>The OIDC issuer; null leaves both issuer extensions out.</summary>
    public string? Issuer { get; init; }

    /// <summary>Write the deprecated raw-string issuer 1.1 (Fulcio writes both 1.1 and 1.8).</summary>
    public bool IssuerV1 { get; init; } = true;

    /// <summary>Write the DER UTF8String issuer 1.8.</summary>
    public bool IssuerV2 { get; init; } = true;

    public IReadOnlyList<X509Extension> ExtraExtensions { get; init; } = [];

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>The CT log that gives the embedded SCT; null issues a certificate without SCT list.</summary>
    public VirtualCtLog? CtLog { get; init; }

    /// <summary>More CT logs whose SCTs the list also holds (after <see cref="CtLog"/>'s), for SCT thresholds above 1.</summary>
    public IReadOnlyList<VirtualCtLog> AdditionalCtLogs { get; init; } = [];

    /// <summary>Embed an SCT whose signature does not cover this certificate.</summary>
    public bool ForgeSct { get; init; }
}

/// <summary>
/// A Fulcio instance: a self-signed ECDSA P-384 root, an intermediate (CA, EKU codeSigning) and leaf issuance
/// shaped like Fulcio's (empty subject, critical SAN, issuer extensions, embedded SCT over the precert TBS).
/// </summary>
public sealed class VirtualFulcio : IDisposable
{
    private readonly ECDsa _rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private readonly ECDsa _intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);

    public VirtualFulcio(DateTimeOffset notBefore, DateTimeOffset notAfter, string name = "virtual-fulcio")
    {
        Uri = $"https://{name}.virtual.test";
        var rootName = new X500DistinguishedName($"CN={name}-root, O=virtual.test");
        var rootRequest = new CertificateRequest(rootName, _rootKey, HashAlgorithmName.SHA384);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        Root = rootRequest.Create(rootName, X509SignatureGenerator.CreateForECDsa(_rootKey), notBefore, notAfter, Der.RandomSerial());

        IntermediateName = new X500DistinguishedName($"CN={name}-intermediate, O=virtual.test");
        var intermediateRequest = new CertificateRequest(IntermediateName, _intermediateKey, HashAlgorithmName.SHA384);
        intermediateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        intermediateRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        intermediateRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.3")], false));
        intermediateRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(intermediateRequest.PublicKey, false));
        intermediateRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        Intermediate = intermediateRequest.Create(rootName, X509SignatureGenerator.CreateForECDsa(_rootKey), notBefore, notAfter, Der.RandomSerial());
    }

    public string Uri { get; }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Intermediate { get; }

    private X500DistinguishedName IntermediateName { get; }

    /// <summary>The trusted-root order: intermediate first, root (the anchor) last.</summary>
    public IReadOnlyList<X509Certificate2> Chain => [Intermediate, Root];

    public X509Certificate2 IssueLeaf(LeafRequest request)
    {
        byte[] serial = Der.RandomSerial();
        var extensions = LeafExtensions(request);
        // The precertificate TBS is the final TBS without the SCT list: issue once without it, take its TBS,
        // and issue again with the list appended last, everything else byte-identical.
        var precert = Create(request, extensions, serial);
        if (request.CtLog is null)
        {
            return precert;
        }
        byte[] tbs = Der.TbsCertificate(precert.RawData);
        byte[] issuerSpki = Intermediate.PublicKey.ExportSubjectPublicKeyInfo();
        var scts = new List<byte[]> { request.CtLog.CreateSct(tbs, issuerSpki, request.NotBefore, request.ForgeSct) };
        foreach (var log in request.AdditionalCtLogs)
        {
            scts.Add(log.CreateSct(tbs, issuerSpki, request.NotBefore));
        }
        extensions.Add(VirtualCtLog.SctListExtension([.. scts]));
        return Create(request, extensions, serial);
    }

    private X509Certificate2 Create(LeafRequest request, List<X509Extension> extensions, byte[] serial)
    {
        var csr = new CertificateRequest(Der.EmptyName, request.SubjectKey.PublicKey, HashAlgorithmName.SHA384);
        foreach (var extension in extensions)
        {
            csr.CertificateExtensions.Add(extension);
        }
        return csr.Create(IntermediateName, X509SignatureGenerator.CreateForECDsa(_intermediateKey),
            request.NotBefore, request.NotAfter, serial);
    }

    private List<X509Extension> LeafExtensions(LeafRequest request)
    {
        var san = new SubjectAlternativeNameBuilder();
        if (request.SanType == SanType.Uri)
        {
            san.AddUri(new Uri(request.SubjectAlternativeName));
        }
        else
        {
            san.AddEmailAddress(request.SubjectAlternativeName);
        }
        var subjectKey = request.SubjectKey.PublicKey;
        var extensions = new List<X509Extension>
        {
            new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true),
            new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.3")], false),
            new X509SubjectKeyIdentifierExtension(subjectKey, false),
            X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Intermediate, true, false),
            san.Build(critical: true),
        };
        if (request.Issuer is not null && request.IssuerV1)
        {
            extensions.Add(FulcioExtensions.Raw(FulcioExtensions.IssuerV1, request.Issuer));
        }
        if (request.Issuer is not null && request.IssuerV2)
        {
            extensions.Add(FulcioExtensions.Utf8(FulcioExtensions.IssuerV2, request.Issuer));
        }
        extensions.AddRange(request.ExtraExtensions);
        return extensions;
    }

    public void Dispose()
    {
        _rootKey.Dispose();
        _intermediateKey.Dispose();
        Root.Dispose();
        Intermediate.Dispose();
    }
}
