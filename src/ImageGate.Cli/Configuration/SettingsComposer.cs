using System.Collections;
using System.CommandLine;
using System.CommandLine.Parsing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace ImageGate.Cli.Configuration;

/// <summary>
/// The one composition root for every option of every command: defaults &lt; <c>--config FILE</c> &lt;
/// <c>IMAGEGATE_*</c> &lt; arguments. The layers are Microsoft.Extensions.Configuration providers keyed by option name
/// (<c>--trusted-root</c> is <c>trusted-root</c> in the file and <c>IMAGEGATE_TRUSTED_ROOT</c> in the environment);
/// the values they supply are given to the parser as the options they stand for, so a value from a file or the
/// environment is converted and validated exactly as one typed on the command line, before any I/O. Options that
/// decide together (where the policy comes from) are taken from one layer only: the highest that sets any of them,
/// so <c>--policy FILE</c> on the command line is not overridden, or contradicted, by <c>IMAGEGATE_PRESET</c>.
/// </summary>
internal static class SettingsComposer
{
    public const string Prefix = "IMAGEGATE_";

    public const string ConfigVariable = "IMAGEGATE_CONFIG";

    /// <summary>Options that only make sense together: one layer supplies all of them.</summary>
    private static readonly string[][] Groups =
    [
        ["preset", "policy", "certificate-identity", "certificate-identity-regexp", "certificate-oidc-issuer",
            "certificate-oidc-issuer-regexp", "key", "type"],
    ];

    /// <summary>Options no file or variable may set: what the command line alone decides.</summary>
    private static readonly HashSet<string> CommandLineOnly = new(StringComparer.Ordinal) { "help", "version", "config" };

    /// <summary>The arguments with every setting from the file and the environment added as the option it sets, or the usage error.</summary>
    /// <param name="parse">The command line as typed, parsed once by the caller.</param>
    public static string? TryCompose(RootCommand root, ParseResult parse, Option<string?> config, string[] args, IDictionary environment, out string[] composed)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(parse);
        composed = args;
        var known = Settable(root);
        var fromEnvironment = FromEnvironment(environment, known, out var problem);
        if (problem is not null)
        {
            return problem;
        }
        var file = parse.GetValue(config) ?? (environment[ConfigVariable] as string);
        if (file is null && fromEnvironment.Count == 0)
        {
            // Nothing to add: the arguments are the whole configuration, and no layer is built at start-up.
            return null;
        }
        var fromFile = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (file is not null && (SettingsFile.TryRead(file, out fromFile) ?? UnknownKeys(fromFile, known, $"--config {file}")) is { } unreadable)
        {
            return unreadable;
        }
        // Highest last: IConfiguration returns the last provider's value.
        var layers = new ConfigurationBuilder()
            .Add(new MemoryConfigurationSource { InitialData = fromFile })
            .Add(new MemoryConfigurationSource { InitialData = fromEnvironment })
            .Build();
        // The command's own options and the root's recursive ones (--log-format), wherever they were typed.
        var applicable = parse.CommandResult.Command.Options.Concat(root.Options.Where(o => o.Recursive)).Where(o => !CommandLineOnly.Contains(Key(o))).ToList();
        var given = new HashSet<string>(applicable.Where(o => parse.GetResult(o) is { Implicit: false }).Select(Key), StringComparer.Ordinal);
        var added = new List<string>();
        foreach (var option in applicable.Where(o => !given.Contains(Key(o))))
        {
            string key = Key(option);
            var owner = Owner(key, given, layers);
            if (owner is null)
            {
                continue;
            }
            var section = owner.GetChildKeys([], key).Any()
                ? owner.GetChildKeys([], key).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(i => int.Parse(i, System.Globalization.CultureInfo.InvariantCulture))
                    .Select(i => owner.TryGet($"{key}:{i}", out var v) ? v : null).ToList()
                : owner.TryGet(key, out var single) ? [single] : new List<string?>();
            // A repeatable option set by a variable takes a comma-separated list.
            if (section.Count == 1 && option.ValueType.IsArray)
            {
                section = [.. section[0]!.Split(',')];
            }
            foreach (var value in section)
            {
                added.Add(option.Name);
                added.Add(value!);
            }
        }
        if (added.Count == 0)
        {
            return null;
        }
        // Before "--": what follows belongs to the command `exec` runs.
        int dash = Array.IndexOf(args, "--");
        composed = dash < 0 ? [.. args, .. added] : [.. args[..dash], .. added, .. args[dash..]];
        return null;
    }

    /// <summary>The provider that supplies <paramref name="key"/>: the highest layer that sets it, or, for a grouped
    /// option, the highest layer that sets any of its group (none when the command line sets one).</summary>
    private static IConfigurationProvider? Owner(string key, HashSet<string> given, IConfigurationRoot layers)
    {
        var group = Groups.FirstOrDefault(g => g.Contains(key, StringComparer.Ordinal)) ?? [key];
        if (group.Any(given.Contains))
        {
            return null;
        }
        foreach (var provider in layers.Providers.Reverse())
        {
            bool sets(string k) => provider.TryGet(k, out _) || provider.GetChildKeys([], k).Any();
            if (group.Any(sets))
            {
                return sets(key) ? provider : null;
            }
        }
        return null;
    }

    private static string Key(Option option) => option.Name.TrimStart('-');

    /// <summary>Every option name some command has: what a file or a variable may set.</summary>
    private static HashSet<string> Settable(Command root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Walk(Command command)
        {
            foreach (var option in command.Options)
            {
                names.Add(Key(option));
            }
            foreach (var sub in command.Subcommands)
            {
                Walk(sub);
            }
        }
        Walk(root);
        names.ExceptWith(CommandLineOnly);
        return names;
    }

    /// <summary>
    /// IMAGEGATE_* variables as settings. Every one must name an option (a misspelt variable would silently drop what
    /// it was meant to require) and none may be blank (an empty IMAGEGATE_DIGEST must never mean "no check").
    /// A repeatable option takes a comma-separated list (split where it is given to the option).
    /// </summary>
    private static Dictionary<string, string?> FromEnvironment(IDictionary environment, HashSet<string> known, out string? problem)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is not string name || !name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }
            if (name == ConfigVariable)
            {
                if (string.IsNullOrWhiteSpace(entry.Value as string))
                {
                    problems.Add($"{name} is set but empty; an empty value is not an absent one: give a value or unset it");
                }
                continue;
            }
            string key = name[Prefix.Length..].ToLowerInvariant().Replace('_', '-');
            if (!known.Contains(key))
            {
                problems.Add($"{name} is not a setting of imagegate (every option has one: IMAGEGATE_ and the option name, e.g. IMAGEGATE_TRUSTED_ROOT)");
            }
            else if (string.IsNullOrWhiteSpace(entry.Value as string))
            {
                problems.Add($"{name} is set but empty; an empty value is not an absent one: give a value or unset it");
            }
            else
            {
                settings[key] = (string)entry.Value!;
            }
        }
        problems.Sort(StringComparer.Ordinal);
        problem = problems.Count == 0 ? null : string.Join("; ", problems);
        return settings;
    }

    private static string? UnknownKeys(Dictionary<string, string?> settings, HashSet<string> known, string where)
    {
        var unknown = settings.Keys.Select(k => k.Split(':')[0]).Where(k => !known.Contains(k)).Distinct(StringComparer.Ordinal).ToList();
        return unknown.Count == 0 ? null : $"{where}: {string.Join(", ", unknown)} {(unknown.Count == 1 ? "is not a setting" : "are not settings")} of imagegate (the keys are option names without the dashes)";
    }
}
