namespace ImageGate.Sigstore.Certificates;

/// <summary>Fulcio's certificate extensions under 1.3.6.1.4.1.57264.1 (oid-info.md in the fulcio repository).</summary>
public static class FulcioOids
{
    /// <summary>Deprecated issuer: the raw string bytes, not DER.</summary>
    public const string Issuer = "1.3.6.1.4.1.57264.1.1";
    public const string GithubWorkflowTrigger = "1.3.6.1.4.1.57264.1.2";
    public const string GithubWorkflowSha = "1.3.6.1.4.1.57264.1.3";
    public const string GithubWorkflowName = "1.3.6.1.4.1.57264.1.4";
    public const string GithubWorkflowRepository = "1.3.6.1.4.1.57264.1.5";
    public const string GithubWorkflowRef = "1.3.6.1.4.1.57264.1.6";
    /// <summary>The otherName SAN type: <c>OtherName{OID, [0] EXPLICIT UTF8String}</c> (usernames).</summary>
    public const string OtherNameSan = "1.3.6.1.4.1.57264.1.7";
    /// <summary>Issuer as a DER UTF8String.</summary>
    public const string IssuerV2 = "1.3.6.1.4.1.57264.1.8";
    public const string BuildSignerUri = "1.3.6.1.4.1.57264.1.9";
    public const string BuildSignerDigest = "1.3.6.1.4.1.57264.1.10";
    public const string RunnerEnvironment = "1.3.6.1.4.1.57264.1.11";
    public const string SourceRepositoryUri = "1.3.6.1.4.1.57264.1.12";
    public const string SourceRepositoryDigest = "1.3.6.1.4.1.57264.1.13";
    public const string SourceRepositoryRef = "1.3.6.1.4.1.57264.1.14";
    public const string SourceRepositoryIdentifier = "1.3.6.1.4.1.57264.1.15";
    public const string SourceRepositoryOwnerUri = "1.3.6.1.4.1.57264.1.16";
    public const string SourceRepositoryOwnerIdentifier = "1.3.6.1.4.1.57264.1.17";
    public const string BuildConfigUri = "1.3.6.1.4.1.57264.1.18";
    public const string BuildConfigDigest = "1.3.6.1.4.1.57264.1.19";
    public const string BuildTrigger = "1.3.6.1.4.1.57264.1.20";
    public const string RunInvocationUri = "1.3.6.1.4.1.57264.1.21";
    public const string SourceRepositoryVisibilityAtSigning = "1.3.6.1.4.1.57264.1.22";
    public const string DeploymentEnvironment = "1.3.6.1.4.1.57264.1.23";
    public const string TokenSubject = "1.3.6.1.4.1.57264.1.24";

    internal const string Prefix = "1.3.6.1.4.1.57264.1.";

    /// <summary>The extensions' names (policy <c>extensions:</c> keys), as cosign's certificate flags spell them.</summary>
    public static IReadOnlyDictionary<string, string> ByName { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["githubWorkflowTrigger"] = GithubWorkflowTrigger,
        ["githubWorkflowSha"] = GithubWorkflowSha,
        ["githubWorkflowName"] = GithubWorkflowName,
        ["githubWorkflowRepository"] = GithubWorkflowRepository,
        ["githubWorkflowRef"] = GithubWorkflowRef,
        ["buildSignerUri"] = BuildSignerUri,
        ["buildSignerDigest"] = BuildSignerDigest,
        ["runnerEnvironment"] = RunnerEnvironment,
        ["sourceRepositoryUri"] = SourceRepositoryUri,
        ["sourceRepositoryDigest"] = SourceRepositoryDigest,
        ["sourceRepositoryRef"] = SourceRepositoryRef,
        ["sourceRepositoryIdentifier"] = SourceRepositoryIdentifier,
        ["sourceRepositoryOwnerUri"] = SourceRepositoryOwnerUri,
        ["sourceRepositoryOwnerIdentifier"] = SourceRepositoryOwnerIdentifier,
        ["buildConfigUri"] = BuildConfigUri,
        ["buildConfigDigest"] = BuildConfigDigest,
        ["buildTrigger"] = BuildTrigger,
        ["runInvocationUri"] = RunInvocationUri,
    };

    /// <summary>The name of <paramref name="oid"/>, or the OID itself for one without a name here.</summary>
    public static string NameOf(string oid) => ByName.FirstOrDefault(p => p.Value == oid).Key ?? oid;
}
