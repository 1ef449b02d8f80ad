using System.CommandLine;
using ImageGate.Cli.Tuf;

namespace ImageGate.Cli.Commands;

/// <summary><c>--tuf-metadata DIR</c> and <c>--tuf-require-fresh</c>, declared once for <c>verify</c> and <c>trust-root inspect</c>.</summary>
internal sealed class TufOptions
{
    public Option<string?> Metadata { get; } = new("--tuf-metadata")
    {
        Description = "Directory of the public-good TUF metadata (N.root.json, timestamp.json, N.snapshot.json, N.targets.json): refuse a trust root that is not the trusted_root.json it publishes (docs/trust-root.md).",
    };

    public Option<bool> RequireFresh { get; } = new("--tuf-require-fresh") { Description = "Refuse expired TUF metadata instead of warning about it." };

    public TufOptions()
    {
        RequireFresh.Validators.Add(result =>
        {
            // Fail closed: asking for fresh metadata and checking none would read as a check that passed.
            // IMAGEGATE_TUF_METADATA and the settings file arrive as --tuf-metadata (Configuration/SettingsComposer).
            if (result.GetValueOrDefault<bool>() && result.Parent?.GetResult(Metadata) is null)
            {
                result.AddError("--tuf-require-fresh needs --tuf-metadata DIR (or IMAGEGATE_TUF_METADATA)");
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Metadata);
        command.Options.Add(RequireFresh);
    }

    /// <summary>The check to run, or null when no metadata directory is given.</summary>
    public TufArguments? Read(ParseResult parse) =>
        parse.GetValue(Metadata) is { } directory ? new TufArguments(directory, parse.GetValue(RequireFresh)) : null;
}
