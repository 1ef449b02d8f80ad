namespace ImageGate.Sigstore.Certificates;

/// <summary>The X.509 and PKIX object identifiers this folder reads.</summary>
internal static class X509Oids
{
    public const string SubjectKeyIdentifier = "2.5.29.14";
    public const string KeyUsage = "2.5.29.15";
    public const string SubjectAlternativeName = "2.5.29.17";
    public const string BasicConstraints = "2.5.29.19";
    public const string CrlDistributionPoints = "2.5.29.31";
    public const string CertificatePolicies = "2.5.29.32";
    public const string AuthorityKeyIdentifier = "2.5.29.35";
    public const string ExtendedKeyUsage = "2.5.29.37";
    public const string AuthorityInfoAccess = "1.3.6.1.5.5.7.1.1";

    public const string EkuAny = "2.5.29.37.0";
    public const string EkuCodeSigning = "1.3.6.1.5.5.7.3.3";
    public const string EkuTimeStamping = "1.3.6.1.5.5.7.3.8";

    /// <summary>RFC 6962 §3.3: the embedded SignedCertificateTimestampList extension.</summary>
    public const string SctList = "1.3.6.1.4.1.11129.2.4.2";

    public const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    public const string EcdsaWithSha384 = "1.2.840.10045.4.3.3";
    public const string EcdsaWithSha512 = "1.2.840.10045.4.3.4";
    public const string Sha256WithRsa = "1.2.840.113549.1.1.11";
    public const string Sha384WithRsa = "1.2.840.113549.1.1.12";
    public const string Sha512WithRsa = "1.2.840.113549.1.1.13";
    public const string RsaEncryption = "1.2.840.113549.1.1.1";
    public const string EcPublicKey = "1.2.840.10045.2.1";
    public const string Ed25519 = "1.3.101.112";

    public const string Sha256 = "2.16.840.1.101.3.4.2.1";
    public const string Sha384 = "2.16.840.1.101.3.4.2.2";
    public const string Sha512 = "2.16.840.1.101.3.4.2.3";
    public const string Sha1 = "1.3.14.3.2.26";
}
