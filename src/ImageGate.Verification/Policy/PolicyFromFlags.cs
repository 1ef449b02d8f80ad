using System.Security.Cryptography;
using System.Text;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Crypto;
using ImageGate.Sigstore.Identity;
using ImageGate.Cue;

namespace ImageGate.Verification.Policy;

/// <summary>
/// cosign-style flags for one-off use, as the tools people know: without <c>--type</c> the signer flags make a
/// signature requirement (cosign verify); with <c>--type T</c> they make attestation requirements of those types
/// and no signature is required (cosign verify-attestation), and a <c>.cue</c> policy applies to them.
/// </summary>
public sealed class PolicyFromFlags
{
    public string? Identity { get; init; }

    public string? IdentityRegex { get; init; }

    public string? Issuer { get; init; }

    public string? IssuerRegex { get; init; }

    public string? KeyFile { get; init; }

    public IReadOnlyList<string> Types { get; init; } = [];

    /// <summary>cosign's repeatable <c>--policy FILE.cue</c>: unified into one policy for the <see cref="Types"/> attestations.</summary>
    public IReadOnlyList<string> CueFiles { get; init; } = [];

    /// <summary>cosign's <c>--certificate-github-workflow-*</c>: Fulcio extension OID to the exact value required.</summary>
    public IReadOnlyDictionary<string, string> Extensions { get; init; } = new Dictionary<string, string>();

    /// <summary>cosign's <c>--insecure-ignore-tlog</c>: with <see cref="KeyFile"/> only.</summary>
    public bool InsecureIgnoreTlog { get; init; }

    /// <summary>A signer is named (cosign's identity flags or a key): what makes a command cosign-shaped.</summary>
    public bool NamesSigner => (Identity ?? IdentityRegex ?? Issuer ?? IssuerRegex ?? KeyFile) is not null;

    public bool Any => Identity is not null || IdentityRegex is not null || Issuer is not null || IssuerRegex is not null
        || KeyFile is not null || Types.Count > 0 || CueFiles.Count > 0 || Extensions.Count > 0 || InsecureIgnoreTlog;

    /// <summary>The policy of slsa-verifier's flags alone, before <see cref="ProvenanceFlagsBinding"/> adds its one requirement.</summary>
    public static ImagePolicy Empty { get; } = new()
    {
        Name = "command-line",
        Digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData("flags"u8)),
        Attestations = [],
    };

    public Failure? TryBuild(out ImagePolicy? policy)
    {
        policy = null;
        var digest = new StringBuilder("flags");
        SignerSet signers;
        if (KeyFile is not null)
        {
            if ((Identity ?? IdentityRegex ?? Issuer ?? IssuerRegex) is not null || Extensions.Count > 0)
            {
                return Invalid("give --key or certificate identity flags, not both");
            }
            if (PolicyFiles.TryReadText(KeyFile, "--key", PolicyFiles.MaxKeyBytes, out var unread) is not { } pem)
            {
                return Invalid(unread);
            }
            if (!VerificationKey.TryCreateFromPem(pem, out var key))
            {
                return Invalid($"--key {KeyFile} is not a PEM public key of a supported type");
            }
            digest.Append('\0').Append(pem).Append(InsecureIgnoreTlog ? "\0insecure-ignore-tlog" : string.Empty);
            signers = new SignerSet { Keys = [key!] };
        }
        else
        {
            if (InsecureIgnoreTlog)
            {
                return Invalid("--insecure-ignore-tlog applies to key-signed artifacts (--key) only: a keyless certificate is valid only at a time the transparency log proves");
            }
            var matcher = new IdentityMatcher
            {
                SubjectAlternativeName = Identity, SubjectAlternativeNameRegex = IdentityRegex, Issuer = Issuer, IssuerRegex = IssuerRegex, Extensions = Extensions,
            };
            if (matcher.Validate() is { } invalid)
            {
                return invalid with { Code = PolicyReasons.Invalid, Message = $"signer flags: {invalid.Message}" };
            }
            digest.Append('\0').Append(matcher);
            foreach (var (oid, value) in Extensions.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                digest.Append('\0').Append(oid).Append('=').Append(value);
            }
            signers = new SignerSet { Identities = [matcher] };
        }

        CuePolicy? cue = null;
        string? cueSource = null;
        if (CueFiles.Count > 0)
        {
            if (Types.Count == 0)
            {
                return Invalid("a .cue policy applies to attestations: give --type as well");
            }
            var files = new List<(string, string)>();
            foreach (var file in CueFiles)
            {
                if (PolicyFiles.TryReadText(file, "--policy", PolicyFiles.MaxCueBytes, out var unread) is not { } text)
                {
                    return Invalid(unread);
                }
                if (string.IsNullOrWhiteSpace(text))
                {
                    return Invalid($"--policy {file} is empty; a policy that constrains nothing is refused");
                }
                files.Add((Path.GetFileName(file), text));
                digest.Append('\0').Append(text);
            }
            // cosign validates the statement against all the files as one CUE instance: they unify.
            var compiled = CuePolicy.Compile(files);
            if (compiled.Policy is null)
            {
                return Invalid($"{string.Join(", ", CueFiles)}: {compiled.Error}");
            }
            cue = compiled.Policy;
            cueSource = string.Join(" + ", files.Select(f => f.Item1));
        }

        var attestations = new List<AttestationRequirement>();
        foreach (var type in Types)
        {
            var uri = PredicateTypeNames.Resolve(type);
            if (uri is null)
            {
                return Invalid($"--type \"{type}\" is neither a cosign shorthand nor an absolute URI");
            }
            digest.Append('\0').Append(uri);
            attestations.Add(new AttestationRequirement { Name = type, PredicateType = uri, Signers = signers, Cue = cue, CueSource = cueSource });
        }
        policy = new ImagePolicy
        {
            Name = "command-line",
            Digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(digest.ToString()))),
            Signature = attestations.Count == 0 ? new SignatureRequirement { Signers = signers } : null,
            Attestations = attestations,
            InsecureIgnoreTlog = InsecureIgnoreTlog,
        };
        return null;
    }

    private static Failure Invalid(string message) => new(PolicyReasons.Invalid, message);
}
