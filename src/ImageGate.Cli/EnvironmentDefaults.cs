using System.Collections;
using System.CommandLine;

namespace ImageGate.Cli;

/// <summary>
/// Every option can also come from an <c>IMAGEGATE_*</c> environment variable (a pod spec sets env more easily
/// than args); an argument on the command line wins. The variables are checked once, before any command runs:
/// a set-but-empty one is an error, not "unset" (an empty <c>IMAGEGATE_DIGEST</c> must never mean "no check"),
/// and an unknown one is an error, since a misspelt variable would silently drop what it was meant to require.
/// </summary>
internal static class EnvironmentDefaults
{
    public const string Prefix = "IMAGEGATE_";

    /// <summary>Every variable some command reads.</summary>
    public static readonly string[] Known =
    [
        "IMAGEGATE_CERTIFICATE_IDENTITY", "IMAGEGATE_CERTIFICATE_IDENTITY_REGEXP", "IMAGEGATE_CERTIFICATE_OIDC_ISSUER",
        "IMAGEGATE_CERTIFICATE_OIDC_ISSUER_REGEXP", "IMAGEGATE_DIGEST", "IMAGEGATE_INSTALL_GATE", "IMAGEGATE_KEY",
        "IMAGEGATE_LAYOUT", "IMAGEGATE_MARKER", "IMAGEGATE_POLICY", "IMAGEGATE_PRESET", "IMAGEGATE_REGISTRY_CA",
        "IMAGEGATE_REGISTRY_CONFIG", "IMAGEGATE_SBOM_OUT", "IMAGEGATE_TRUSTED_ROOT", "IMAGEGATE_TUF_METADATA",
    ];

    public static string? Get(ParseResult parse, Option<string?> option, string variable)
    {
        System.Diagnostics.Debug.Assert(Array.IndexOf(Known, variable) >= 0, $"{variable} is not in Known");
        var value = parse.GetValue(option);
        if (value is not null || parse.GetResult(option) is { Implicit: false })
        {
            return value;
        }
        // Validate() has refused a blank value before any command ran.
        return Environment.GetEnvironmentVariable(variable);
    }

    /// <summary>Why the environment cannot be used, or null.</summary>
    public static string? Validate(IDictionary environment)
    {
        var problems = new List<string>();
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is not string name || !name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }
            if (Array.IndexOf(Known, name) < 0)
            {
                problems.Add($"{name} is not a setting of imagegate (known: {string.Join(", ", Known)})");
            }
            else if (string.IsNullOrWhiteSpace(entry.Value as string))
            {
                problems.Add($"{name} is set but empty; an empty value is not an absent one: give a value or unset it");
            }
        }
        problems.Sort(StringComparer.Ordinal);
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
