using System.Collections.ObjectModel;
using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace ImageGate.Sigstore.Certificates;

/// <summary>
/// What a Fulcio certificate says about its subject (§5; sigstore-go pkg/fulcio/certificate): the single SAN
/// sigstore-go matches, every SAN for cosign's legacy rule, the OIDC issuer and the Fulcio extensions.
/// </summary>
public sealed class CertificateIdentity
{
    private static readonly ReadOnlyDictionary<string, string> Empty = new(new Dictionary<string, string>());

    private CertificateIdentity(
        string? subjectAlternativeName,
        IReadOnlyList<SubjectAlternativeName> all,
        string? issuer,
        string? legacyIssuer,
        IReadOnlyDictionary<string, string> extensions)
    {
        SubjectAlternativeName = subjectAlternativeName;
        AllSubjectAlternativeNames = all;
        Issuer = issuer;
        LegacyIssuer = legacyIssuer;
        Extensions = extensions;
    }

    /// <summary>
    /// sigstore-go's one SAN: the first URI, else the first email, else the otherName 1.3.6.1.4.1.57264.1.7.
    /// Null when the certificate has none of these; the bundle path must then refuse the certificate
    /// (sigstore-go: "No Subject Alternative Name found").
    /// </summary>
    public string? SubjectAlternativeName { get; }

    /// <summary>Every SAN (DNS, email, IP, URI, otherName), for cosign's legacy "any one matches" rule.</summary>
    public IReadOnlyList<SubjectAlternativeName> AllSubjectAlternativeNames { get; }

    /// <summary>
    /// The OIDC issuer: 1.3.6.1.4.1.57264.1.8 (DER UTF8String) or 1.3.6.1.4.1.57264.1.1 (raw bytes); when both
    /// are present, whichever comes last in the extension list wins, as in sigstore-go.
    /// </summary>
    public string? Issuer { get; }

    /// <summary>The deprecated issuer 1.3.6.1.4.1.57264.1.1 only: what cosign's legacy path reads.</summary>
    public string? LegacyIssuer { get; }

    /// <summary>Fulcio extensions 1.2–1.6 (raw strings) and 1.9–1.24 (DER strings), keyed by dotted OID.</summary>
    public IReadOnlyDictionary<string, string> Extensions { get; }

    public string? GithubWorkflowTrigger => Get(FulcioOids.GithubWorkflowTrigger);
    public string? GithubWorkflowSha => Get(FulcioOids.GithubWorkflowSha);
    public string? GithubWorkflowName => Get(FulcioOids.GithubWorkflowName);
    public string? GithubWorkflowRepository => Get(FulcioOids.GithubWorkflowRepository);
    public string? GithubWorkflowRef => Get(FulcioOids.GithubWorkflowRef);
    public string? BuildSignerUri => Get(FulcioOids.BuildSignerUri);
    public string? BuildSignerDigest => Get(FulcioOids.BuildSignerDigest);
    public string? RunnerEnvironment => Get(FulcioOids.RunnerEnvironment);
    public string? SourceRepositoryUri => Get(FulcioOids.SourceRepositoryUri);
    public string? SourceRepositoryDigest => Get(FulcioOids.SourceRepositoryDigest);
    public string? SourceRepositoryRef => Get(FulcioOids.SourceRepositoryRef);
    public string? SourceRepositoryIdentifier => Get(FulcioOids.SourceRepositoryIdentifier);
    public string? SourceRepositoryOwnerUri => Get(FulcioOids.SourceRepositoryOwnerUri);
    public string? SourceRepositoryOwnerIdentifier => Get(FulcioOids.SourceRepositoryOwnerIdentifier);
    public string? BuildConfigUri => Get(FulcioOids.BuildConfigUri);
    public string? BuildConfigDigest => Get(FulcioOids.BuildConfigDigest);
    public string? BuildTrigger => Get(FulcioOids.BuildTrigger);
    public string? RunInvocationUri => Get(FulcioOids.RunInvocationUri);
    public string? SourceRepositoryVisibilityAtSigning => Get(FulcioOids.SourceRepositoryVisibilityAtSigning);
    public string? DeploymentEnvironment => Get(FulcioOids.DeploymentEnvironment);
    public string? TokenSubject => Get(FulcioOids.TokenSubject);

    private string? Get(string oid) => Extensions.TryGetValue(oid, out var value) ? value : null;

    /// <summary>
    /// Reads the identity of <paramref name="leaf"/>. A malformed SAN or a 1.8–1.24 value that is not exactly
    /// one DER string is a <c>cert.malformed</c> failure (sigstore-go's ParseDERString refuses both).
    /// </summary>
    public static Failure? TryRead(X509Certificate2 leaf, out CertificateIdentity? identity)
    {
        identity = null;
        if (ParsedCertificate.TryGet(leaf, out var parsed) is { } failure)
        {
            return failure;
        }
        string? issuer = null;
        string? legacyIssuer = null;
        List<SubjectAlternativeName> sans = [];
        Dictionary<string, string>? extensions = null;
        foreach (var extension in parsed.Extensions)
        {
            try
            {
                switch (extension.Oid)
                {
                    case X509Oids.SubjectAlternativeName:
                        sans = SubjectAlternativeNames.Read(extension.Value);
                        break;
                    case FulcioOids.Issuer:
                        issuer = legacyIssuer = RawString(extension.Value);
                        break;
                    case FulcioOids.IssuerV2:
                        issuer = DerString(extension.Value);
                        break;
                    case FulcioOids.GithubWorkflowTrigger or FulcioOids.GithubWorkflowSha or FulcioOids.GithubWorkflowName
                        or FulcioOids.GithubWorkflowRepository or FulcioOids.GithubWorkflowRef:
                        (extensions ??= [])[extension.Oid] = RawString(extension.Value);
                        break;
                    default:
                        if (IsDerStringExtension(extension.Oid))
                        {
                            (extensions ??= [])[extension.Oid] = DerString(extension.Value);
                        }
                        break;
                }
            }
            catch (AsnContentException e)
            {
                return new Failure(ReasonCodes.CertificateMalformed, $"expected extension {extension.Oid} of the signing certificate to be well-formed, found: {e.Message}");
            }
        }
        identity = new CertificateIdentity(
            PickSingle(sans),
            sans.AsReadOnly(),
            issuer,
            legacyIssuer,
            extensions is null ? Empty : new ReadOnlyDictionary<string, string>(extensions));
        return null;
    }

    private static string? PickSingle(List<SubjectAlternativeName> sans)
    {
        foreach (var kind in (ReadOnlySpan<SubjectAlternativeNameKind>)[SubjectAlternativeNameKind.Uri, SubjectAlternativeNameKind.Email, SubjectAlternativeNameKind.OtherName])
        {
            foreach (var san in sans)
            {
                if (san.Kind == kind)
                {
                    return san.Value;
                }
            }
        }
        return null;
    }

    /// <summary>1.9 to 1.24 hold DER strings.</summary>
    private static bool IsDerStringExtension(string oid) =>
        oid.StartsWith(FulcioOids.Prefix, StringComparison.Ordinal)
        && int.TryParse(oid.AsSpan(FulcioOids.Prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int arc)
        && arc is >= 9 and <= 24;

    /// <summary>1.1–1.6 are the value bytes themselves, not DER (Go: <c>string(ext.Value)</c>).</summary>
    private static string RawString(ReadOnlyMemory<byte> value) => System.Text.Encoding.UTF8.GetString(value.Span);

    /// <summary>One DER string (UTF8String, PrintableString, IA5String, ...) and nothing after it.</summary>
    private static string DerString(ReadOnlyMemory<byte> value)
    {
        var reader = new AsnReader(value, AsnEncodingRules.DER);
        var tag = reader.PeekTag();
        if (tag.TagClass != TagClass.Universal)
        {
            throw new AsnContentException($"expected a universal string type, found tag {tag}");
        }
        var type = (UniversalTagNumber)tag.TagValue;
        string text = type switch
        {
            UniversalTagNumber.UTF8String or UniversalTagNumber.PrintableString or UniversalTagNumber.IA5String
                or UniversalTagNumber.NumericString or UniversalTagNumber.T61String or UniversalTagNumber.BMPString
                => reader.ReadCharacterString(type),
            _ => throw new AsnContentException($"expected a DER string, found {type}"),
        };
        reader.ThrowIfNotEmpty();
        return text;
    }
}
