using System.CommandLine;
using ImageGate.Cli.Kubernetes;

namespace ImageGate.Cli.Commands;

/// <summary>
/// Where the own Pod is read from (docs/pod-check.md §4): <c>--pod-name</c> and <c>--pod-namespace</c> from the
/// downward API (<c>IMAGEGATE_POD_NAME</c>, <c>IMAGEGATE_POD_NAMESPACE</c>), the service account the kubelet mounts.
/// Declared once for the commands that read it; the check itself is the command's option.
/// </summary>
internal sealed class PodOptions
{
    public Option<string?> PodName { get; } = new("--pod-name") { Description = "This pod's name (the downward API's metadata.name; IMAGEGATE_POD_NAME)." };

    public Option<string?> PodNamespace { get; } = new("--pod-namespace") { Description = "This pod's namespace (default: the service account's namespace file)." };

    public Option<string> ServiceAccountDirectory { get; } = new("--service-account-dir")
    {
        Description = "The mounted service account: token, ca.crt, namespace.",
        DefaultValueFactory = _ => ServiceAccount.DefaultDirectory,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(PodName);
        command.Options.Add(PodNamespace);
        command.Options.Add(ServiceAccountDirectory);
    }

    /// <summary>The pod to read when <paramref name="check"/> (the option that asks for it) was given; null otherwise.</summary>
    public string? TryRead(ParseResult parse, string check, out PodArguments? arguments)
    {
        arguments = null;
        string? name = parse.GetValue(PodName);
        if (name is null)
        {
            return $"{check} needs --pod-name (IMAGEGATE_POD_NAME from the downward API: fieldRef metadata.name)";
        }
        arguments = new PodArguments(name, parse.GetValue(PodNamespace), parse.GetValue(ServiceAccountDirectory)!);
        return null;
    }

    /// <summary>--pod-name and friends without the option that uses them would be read by nothing: exit 2.</summary>
    public string? Unused(ParseResult parse, string check) =>
        new Option[] { PodName, PodNamespace, ServiceAccountDirectory }.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } stray
            ? $"{stray.Name} is given without {check}, which alone reads the pod"
            : null;
}
