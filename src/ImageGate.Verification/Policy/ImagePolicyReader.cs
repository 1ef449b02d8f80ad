using System.Security.Cryptography;
using System.Text;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Certificates;
using ImageGate.Sigstore.Crypto;
using ImageGate.Sigstore.Identity;
using ImageGate.Cue;
using ImageGate.Verification.Provenance;
using YamlDotNet.RepresentationModel;
using static ImageGate.Verification.Policy.PolicyNode;

namespace ImageGate.Verification.Policy;

/// <summary>
/// Reads an ImagePolicy (YAML or JSON) and validates everything that can be validated before any network access:
/// the schema, every regex (RE2), every key file, every CUE policy (compiled). A policy that cannot be parsed or
/// can never be satisfied is a configuration error.
/// </summary>
public static class ImagePolicyReader
{
    public const string ApiVersion = "imagegate.dev/v1";

    public static Failure? TryReadFile(string path, out ImagePolicy? policy)
    {
        policy = null;
        if (PolicyFiles.TryReadText(path, "policy file", PolicyFiles.MaxPolicyBytes, out var problem) is not { } text)
        {
            return Invalid(problem);
        }
        return TryRead(text, Path.GetFileName(path), Path.GetDirectoryName(Path.GetFullPath(path)), out policy);
    }

    /// <summary>Reads policy text; CUE and key files are resolved against <paramref name="baseDirectory"/>
    /// (the built-in presets pass null and resolve through <paramref name="files"/>).</summary>
    public static Failure? TryRead(string text, string name, string? baseDirectory, out ImagePolicy? policy, Func<string, string?>? files = null)
    {
        policy = null;
        var root = Load(text, out var error);
        if (root is null)
        {
            return Invalid($"{name}: {error}");
        }
        var digest = new StringBuilder(text);
        string ReadFile(string relative, string what)
        {
            if (files?.Invoke(relative) is { } embedded)
            {
                digest.Append('\0').Append(embedded);
                return embedded;
            }
            if (baseDirectory is null)
            {
                throw new PolicyException($"{what} \"{relative}\" is not available");
            }
            var full = Path.Combine(baseDirectory, relative);
            long cap = what == "public key" ? PolicyFiles.MaxKeyBytes : PolicyFiles.MaxCueBytes;
            var content = PolicyFiles.TryReadText(full, what, cap, out var problem) ?? throw new PolicyException(problem);
            digest.Append('\0').Append(content);
            return content;
        }
        try
        {
            var top = Entries(Mapping(root, "the policy"), "the policy", "apiVersion", "kind", "name", "signature", "attestations", "thresholds", "bindReferenceTag");
            if (!top.TryGetValue("apiVersion", out var api) || Scalar(api, "apiVersion") != ApiVersion)
            {
                throw new PolicyException($"apiVersion must be {ApiVersion}");
            }
            if (!top.TryGetValue("kind", out var kind) || Scalar(kind, "kind") != "ImagePolicy")
            {
                throw new PolicyException("kind must be ImagePolicy");
            }
            string policyName = top.TryGetValue("name", out var n) ? Scalar(n, "name") : throw new PolicyException("name is required");
            SignatureRequirement? signature = null;
            if (top.TryGetValue("signature", out var sig))
            {
                var entries = Entries(Mapping(sig, "signature"), "signature", "identities", "keys");
                signature = new SignatureRequirement { Signers = Signers(entries, "signature", ReadFile) };
            }
            var attestations = new List<AttestationRequirement>();
            if (top.TryGetValue("attestations", out var atts))
            {
                foreach (var item in Sequence(atts, "attestations").Children)
                {
                    attestations.Add(Attestation(item, attestations.Count, ReadFile));
                }
            }
            if (signature is null && attestations.Count == 0)
            {
                throw new PolicyException("the policy requires nothing: name a signature or at least one attestation");
            }
            int tlog = 1, sct = 1;
            if (top.TryGetValue("thresholds", out var thresholds))
            {
                var t = Entries(Mapping(thresholds, "thresholds"), "thresholds", "tlog", "sct");
                tlog = t.TryGetValue("tlog", out var tl) ? TlogThreshold(tl) : 1;
                sct = t.TryGetValue("sct", out var sc) ? PositiveInt(sc, "thresholds.sct") : 1;
            }
            if (tlog == 0 && (signature?.Signers.Identities.Count > 0 || attestations.Any(a => a.Signers.Identities.Count > 0)))
            {
                throw new PolicyException("thresholds.tlog: 0 is for key signers only: a keyless certificate is valid only at a time the transparency log proves");
            }
            var bindTag = top.TryGetValue("bindReferenceTag", out var bind) && Boolean(bind, "bindReferenceTag");
            if (bindTag && (signature?.Signers.Keys.Count > 0 || attestations.Any(a => a.Signers.Keys.Count > 0)))
            {
                throw new PolicyException("bindReferenceTag needs keyless signers in every requirement: a key-signed artifact carries no release tag to compare");
            }
            policy = new ImagePolicy
            {
                BindsReferenceTag = bindTag,
                Name = policyName,
                Digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(digest.ToString()))),
                Signature = signature,
                Attestations = attestations,
                TlogThreshold = Math.Max(tlog, 1),
                InsecureIgnoreTlog = tlog == 0,
                SctThreshold = sct,
            };
            return null;
        }
        catch (PolicyException e)
        {
            return Invalid($"{name}: {e.Message}");
        }
    }

    /// <summary>A whole number of logs; 0 is cosign's --insecure-ignore-tlog, allowed for key signers only (checked by the caller).</summary>
    private static int TlogThreshold(YamlNode node) => Scalar(node, "thresholds.tlog") == "0" ? 0 : PositiveInt(node, "thresholds.tlog");

    private static AttestationRequirement Attestation(YamlNode item, int index, Func<string, string, string> readFile)
    {
        string what = $"attestations[{index}]";
        var entries = Entries(Mapping(item, what), what, "name", "predicateType", "identities", "keys", "cue", "provenance");
        var provenance = entries.TryGetValue("provenance", out var block) ? ProvenanceBlock(block, $"{what}.provenance") : null;
        if (!entries.TryGetValue("predicateType", out var pt) && provenance is null)
        {
            throw new PolicyException($"{what}.predicateType is required");
        }
        string raw = pt is null ? "slsaprovenance" : Scalar(pt, $"{what}.predicateType");
        string predicateType = PredicateTypeNames.Resolve(raw)
            ?? throw new PolicyException($"{what}.predicateType \"{raw}\" is neither a cosign --type shorthand nor an absolute URI ({Where(pt!)})");
        if (provenance is not null && !ProvenanceStatement.IsSlsa(predicateType))
        {
            throw new PolicyException($"{what}.provenance checks SLSA provenance: expected predicateType slsaprovenance or slsaprovenance1; found \"{raw}\"");
        }
        if (provenance is not null && entries.ContainsKey("keys"))
        {
            throw new PolicyException($"{what}.provenance needs a builder's certificate: give identities (or none, for the trusted SLSA generators), not keys");
        }
        string name = entries.TryGetValue("name", out var nm) ? Scalar(nm, $"{what}.name") : raw;
        CuePolicy? cue = null;
        string? cueSource = null;
        if (entries.TryGetValue("cue", out var cueNode))
        {
            var files = new List<(string Name, string Text)>();
            var values = cueNode is YamlSequenceNode list ? list.Children.Select(c => Scalar(c, $"{what}.cue")).ToList() : [Scalar(cueNode, $"{what}.cue")];
            foreach (var value in values)
            {
                // Inline CUE holds a newline; a file name never does.
                files.Add(value.Contains('\n', StringComparison.Ordinal) ? ($"{name}.cue (inline)", value) : (value, readFile(value, "CUE policy")));
            }
            if (files.FirstOrDefault(f => string.IsNullOrWhiteSpace(f.Text)) is { Name: { } blank })
            {
                // CUE reads an empty file as "anything goes"; in a deployment it is a missing ConfigMap key.
                throw new PolicyException($"{what}.cue: {blank} is empty; a policy that constrains nothing is refused");
            }
            var compiled = CuePolicy.Compile(files);
            cue = compiled.Policy ?? throw new PolicyException($"{what}.cue: {compiled.Error}");
            cueSource = string.Join(", ", files.Select(f => f.Name));
        }
        return new AttestationRequirement
        {
            Name = name,
            PredicateType = predicateType,
            // Without identities, the provenance rules decide who may sign: a trusted SLSA builder (BuilderRule).
            Signers = provenance is not null && !entries.ContainsKey("identities")
                ? SignerSet.AnyGitHubWorkflow
                : Signers(entries, what, readFile),
            Cue = cue,
            CueSource = cueSource,
            Provenance = provenance,
        };
    }

    /// <summary>slsa-verifier's flags as keys: sourceUri (required), sourceBranch, sourceTag or sourceVersionedTag, builderId.</summary>
    private static ProvenanceExpectations ProvenanceBlock(YamlNode node, string what)
    {
        var e = Entries(Mapping(node, what), what, "sourceUri", "sourceBranch", "sourceTag", "sourceVersionedTag", "builderId");
        string? Get(string key) => e.TryGetValue(key, out var v) ? Scalar(v, $"{what}.{key}") : null;
        var expected = new ProvenanceExpectations(Get("sourceUri") ?? throw new PolicyException($"{what}.sourceUri is required"))
        {
            Branch = Get("sourceBranch"),
            Tag = Get("sourceTag"),
            VersionedTag = Get("sourceVersionedTag"),
            BuilderId = Get("builderId"),
        };
        return expected.Validate(policyKeys: true) is { } problem ? throw new PolicyException($"{what}: {problem} ({Where(node)})") : expected;
    }

    private static SignerSet Signers(Dictionary<string, YamlNode> entries, string what, Func<string, string, string> readFile)
    {
        bool hasIdentities = entries.TryGetValue("identities", out var ids);
        bool hasKeys = entries.TryGetValue("keys", out var keys);
        if (hasIdentities == hasKeys)
        {
            throw new PolicyException($"{what} must name either identities (keyless) or keys, not {(hasKeys ? "both" : "neither")}");
        }
        if (hasKeys)
        {
            var list = new List<VerificationKey>();
            foreach (var k in Sequence(keys!, $"{what}.keys").Children)
            {
                var file = Scalar(k, $"{what}.keys");
                if (!VerificationKey.TryCreateFromPem(readFile(file, "public key"), out var key))
                {
                    throw new PolicyException($"{what}.keys: {file} is not a PEM public key of a supported type");
                }
                list.Add(key!);
            }
            return list.Count > 0 ? new SignerSet { Keys = list } : throw new PolicyException($"{what}.keys is empty");
        }
        var matchers = new List<IdentityMatcher>();
        foreach (var node in Sequence(ids!, $"{what}.identities").Children)
        {
            matchers.Add(Identity(node, $"{what}.identities[{matchers.Count}]"));
        }
        return matchers.Count > 0 ? new SignerSet { Identities = matchers } : throw new PolicyException($"{what}.identities is empty");
    }

    private static IdentityMatcher Identity(YamlNode node, string what)
    {
        var e = Entries(Mapping(node, what), what, "issuer", "issuerRegExp", "subject", "subjectRegExp", "extensions");
        string? Get(string key) => e.TryGetValue(key, out var v) ? Scalar(v, $"{what}.{key}") : null;
        var matcher = new IdentityMatcher
        {
            Issuer = Get("issuer"),
            IssuerRegex = Get("issuerRegExp"),
            SubjectAlternativeName = Get("subject"),
            SubjectAlternativeNameRegex = Get("subjectRegExp"),
            Extensions = e.TryGetValue("extensions", out var ext) ? Extensions(ext, what) : new Dictionary<string, string>(),
        };
        if (matcher.Validate() is { } invalid)
        {
            throw new PolicyException($"{what} ({Where(node)}): {invalid.Message}");
        }
        return matcher;
    }

    private static Dictionary<string, string> Extensions(YamlNode node, string what)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Mapping(node, $"{what}.extensions").Children)
        {
            string name = Scalar(key, $"{what}.extensions key");
            string oid = FulcioOids.ByName.TryGetValue(name, out var known) ? known
                : name.StartsWith("1.3.6.1.4.1.57264.1.", StringComparison.Ordinal) ? name
                : throw new PolicyException($"{what}.extensions: unknown extension \"{name}\"; use a Fulcio OID or one of {string.Join(", ", FulcioOids.ByName.Keys)}");
            if (!result.TryAdd(oid, Scalar(value, $"{what}.extensions.{name}")))
            {
                throw new PolicyException($"{what}.extensions names {oid} twice ({Where(key)})");
            }
        }
        return result;
    }

    private static Failure Invalid(string message) => new(PolicyReasons.Invalid, message);
}
