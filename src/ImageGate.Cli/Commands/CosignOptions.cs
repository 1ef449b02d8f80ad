using System.CommandLine;
using ImageGate.Cli.Sources;
using ImageGate.Sigstore.Certificates;
using ImageGate.Verification.Discovery;

namespace ImageGate.Cli.Commands;

/// <summary>
/// The flags of <c>cosign verify</c> and <c>cosign verify-attestation</c> (v3) that mean something offline, with
/// cosign's meaning, so a command copied from a project's SECURITY.md runs as written. Flags that need the network
/// or switch off a check ImageGate never skips are refused by name (exit 2), never ignored.
/// </summary>
internal sealed class CosignOptions
{
    public Option<bool?> NewBundleFormat { get; } = new("--new-bundle-format")
    {
        Description = "cosign's format choice: true counts the referrer bundles (the legacy .sig/.att tags only when the image has no bundle); false counts only the legacy tags. Without it every format counts.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<bool> LocalImage { get; } = new("--local-image") { Description = "IMAGE is the directory of a `cosign save` layout; its one image is verified." };

    public Option<bool?> Offline { get; } = new("--offline") { Description = "Accepted for cosign compatibility; ImageGate is always offline.", Arity = ArgumentArity.ZeroOrOne };

    public Option<bool> InsecureIgnoreTlog { get; } = new("--insecure-ignore-tlog") { Description = "With --key only: accept signatures that were never logged (prints a warning)." };

    /// <summary>cosign's <c>--certificate-github-workflow-*</c> flags: exact matches on Fulcio's GitHub extensions 1.2–1.6.</summary>
    private readonly (Option<string?> Option, string Oid)[] workflow =
    [
        (new("--certificate-github-workflow-trigger") { Description = "Exact GitHub workflow trigger (Fulcio extension 1.3.6.1.4.1.57264.1.2), e.g. push." }, FulcioOids.GithubWorkflowTrigger),
        (new("--certificate-github-workflow-sha") { Description = "Exact commit SHA the workflow ran at (1.3.6.1.4.1.57264.1.3)." }, FulcioOids.GithubWorkflowSha),
        (new("--certificate-github-workflow-name") { Description = "Exact workflow name (1.3.6.1.4.1.57264.1.4)." }, FulcioOids.GithubWorkflowName),
        (new("--certificate-github-workflow-repository") { Description = "Exact repository, owner/name (1.3.6.1.4.1.57264.1.5)." }, FulcioOids.GithubWorkflowRepository),
        (new("--certificate-github-workflow-ref") { Description = "Exact git ref, e.g. refs/tags/v0.2.2 (1.3.6.1.4.1.57264.1.6)." }, FulcioOids.GithubWorkflowRef),
    ];

    /// <summary>cosign flags refused with why: each would need the network or weaken a check.</summary>
    private static readonly (string Name, string Why)[] Refused =
    [
        ("--rekor-url", "it queries Rekor online; ImageGate verifies the log entry offline from the bundle's proofs and --trusted-root"),
        ("--k8s-keychain", "it reads registry credentials from the Kubernetes API; mount the pull secret and give --registry-config"),
        ("--allow-insecure-registry", "it skips TLS verification; give the registry's CA with --registry-cacert instead"),
        ("--use-signed-timestamps", "it needs the timestamp authority online; ImageGate verifies every RFC 3161 timestamp in the bundle against --trusted-root"),
    ];

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { NewBundleFormat, LocalImage, Offline, InsecureIgnoreTlog })
        {
            command.Options.Add(option);
        }
        foreach (var (option, _) in workflow)
        {
            command.Options.Add(option);
        }
        foreach (var (name, why) in Refused)
        {
            var refused = new Option<string?>(name) { Arity = ArgumentArity.ZeroOrOne, Hidden = true };
            refused.Validators.Add(result => result.AddError($"{name} is not supported: {why}"));
            command.Options.Add(refused);
        }
    }

    public FormatChoice Formats(ParseResult parse) => parse.GetValue(NewBundleFormat) switch
    {
        true => FormatChoice.BundlesElseLegacy,
        false => FormatChoice.LegacyOnly,
        null => FormatChoice.All,
    };

    /// <summary>The Fulcio extensions the workflow flags require, by OID.</summary>
    public Dictionary<string, string> Extensions(ParseResult parse)
    {
        var required = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (option, oid) in workflow)
        {
            if (parse.GetValue(option) is { } value)
            {
                required[oid] = value;
            }
        }
        return required;
    }

    /// <summary>The source as <c>--local-image</c> changes it: IMAGE is a <c>cosign save</c> directory.</summary>
    public SourceArguments Apply(ParseResult parse, SourceArguments sources) =>
        parse.GetValue(LocalImage) ? sources with { LocalImage = true } : sources;
}
