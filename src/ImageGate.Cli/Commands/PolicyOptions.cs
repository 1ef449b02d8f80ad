using System.CommandLine;
using ImageGate.Sigstore;
using ImageGate.Verification.Policy;

namespace ImageGate.Cli.Commands;

/// <summary>
/// Where the policy comes from: <c>--preset NAME</c>, <c>--policy FILE</c> (an ImagePolicy in YAML or JSON), or
/// cosign-style flags (with <c>--policy FILE.cue</c> for their attestations). Exactly one; resolved before any
/// network access, so a bad policy is a configuration error (exit 2) and nothing else happens.
/// </summary>
internal sealed class PolicyOptions
{
    public Option<string[]> Policy { get; } = new("--policy") { Description = "An ImagePolicy (YAML or JSON), or .cue policies for the --type attestations (repeatable; they unify, as in cosign)." };

    public Option<string?> Preset { get; } = new("--preset") { Description = $"A built-in policy: {string.Join(", ", Presets.Names)}." };

    public Option<string?> Identity { get; } = new("--certificate-identity") { Description = "Exact signer identity (certificate SAN)." };

    public Option<string?> IdentityRegex { get; } = new("--certificate-identity-regexp") { Description = "RE2 regex for the signer identity (unanchored)." };

    public Option<string?> Issuer { get; } = new("--certificate-oidc-issuer") { Description = "Exact OIDC issuer." };

    public Option<string?> IssuerRegex { get; } = new("--certificate-oidc-issuer-regexp") { Description = "RE2 regex for the OIDC issuer (unanchored)." };

    public Option<string?> Key { get; } = new("--key") { Description = "PEM public key for key-signed images." };

    public Option<string[]> Types { get; } = new("--type") { Description = "Require an attestation of this predicate type (cosign shorthand or URI; repeatable)." };

    /// <summary>slsa-verifier's flags: they add provenance rules to the chosen policy, or are the policy.</summary>
    public ProvenanceOptions Provenance { get; } = new(sourceRequired: false);

    /// <summary>cosign's flags that shape the signer policy (workflow extensions, --insecure-ignore-tlog); null where
    /// the command does not take them.</summary>
    public CosignOptions? Cosign { get; init; }

    /// <summary><c>verify-attestation</c>: cosign's default predicate type when no --type is given.</summary>
    public string? DefaultType { get; init; }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Policy, Preset, Identity, IdentityRegex, Issuer, IssuerRegex, Key, Types })
        {
            command.Options.Add(option);
        }
        Provenance.AddTo(command);
    }

    /// <summary>True when cosign's signer flags alone are the policy (no preset, no ImagePolicy file, none of
    /// slsa-verifier's flags, which cosign does not have): the run then speaks cosign.</summary>
    public bool IsCosignShaped(ParseResult parse) =>
        parse.GetValue(Preset) is null && parse.GetValue(Provenance.SourceUri) is null
        && !PolicyFiles(parse).Any(f => !f.EndsWith(".cue", StringComparison.OrdinalIgnoreCase))
        && Flags(parse, [], []).NamesSigner;

    /// <summary>The --policy values (from the command line, IMAGEGATE_POLICY or the settings file).</summary>
    private string[] PolicyFiles(ParseResult parse) => parse.GetValue(Policy) ?? [];

    private PolicyFromFlags Flags(ParseResult parse, string[] types, string[] cueFiles) => new()
    {
        Identity = parse.GetValue(Identity),
        IdentityRegex = parse.GetValue(IdentityRegex),
        Issuer = parse.GetValue(Issuer),
        IssuerRegex = parse.GetValue(IssuerRegex),
        KeyFile = parse.GetValue(Key),
        Types = types,
        CueFiles = cueFiles,
        Extensions = Cosign?.Extensions(parse) ?? new Dictionary<string, string>(),
        InsecureIgnoreTlog = Cosign is not null && parse.GetValue(Cosign.InsecureIgnoreTlog),
    };

    public Failure? TryResolve(ParseResult parse, out ImagePolicy? policy)
    {
        policy = null;
        var preset = parse.GetValue(Preset);
        var files = PolicyFiles(parse);
        var cueFiles = files.Where(f => f.EndsWith(".cue", StringComparison.OrdinalIgnoreCase)).ToArray();
        string? file = files.Length > cueFiles.Length ? files.First(f => !f.EndsWith(".cue", StringComparison.OrdinalIgnoreCase)) : null;
        if (file is not null && files.Length > 1)
        {
            return new Failure(PolicyReasons.Invalid, $"--policy {file} is an ImagePolicy, which stands alone; only .cue policies may be repeated (found {files.Length} --policy values)");
        }
        if (file is not null && file.EndsWith(".rego", StringComparison.OrdinalIgnoreCase))
        {
            return new Failure(PolicyReasons.Invalid, $"--policy {file}: Rego policies are not supported; give CUE (.cue) policies or an ImagePolicy");
        }
        var types = parse.GetValue(Types) is { Length: > 0 } named ? named : DefaultType is null ? [] : [DefaultType];
        var flags = Flags(parse, types, cueFiles);
        if (Provenance.TryRead(parse, out var provenance) is { } unusable)
        {
            return new Failure(PolicyReasons.Invalid, unusable);
        }
        int sources = (preset is null ? 0 : 1) + (file is not null ? 1 : 0) + (flags.Any ? 1 : 0);
        if (sources > 1 || (sources == 0 && provenance is null))
        {
            return new Failure(PolicyReasons.Invalid, sources == 0
                ? "no policy: give --preset, --policy FILE, signer flags (--certificate-identity[-regexp] with --certificate-oidc-issuer[-regexp], or --key), or --source-uri"
                : "give only one of --preset, --policy FILE (an ImagePolicy) or signer flags");
        }
        var failure = preset is not null ? Presets.TryGet(preset, out policy)
            : flags.Any ? flags.TryBuild(out policy)
            : file is not null ? ImagePolicyReader.TryReadFile(file, out policy)
            : null;
        if (failure is not null || provenance is null)
        {
            return failure;
        }
        policy ??= PolicyFromFlags.Empty;
        failure = ProvenanceFlagsBinding.TryApply(policy, provenance, out var bound);
        policy = failure is null ? bound : null;
        return failure;
    }
}
