using System.Text;

namespace ImageGate.Cue.Tests;

/// <summary>
/// Reads the case tables in Cases/*.cases. Format, line based:
/// <code>
/// === case name
/// --- policy [file.cue]        (repeatable; default name policy.cue)
/// CUE text
/// --- input
/// JSON text
/// --- expect satisfied|violated|error [fragment the violations or error must contain]
/// --- concrete                  (optional: evaluate as `cue vet -c`)
/// </code>
/// </summary>
public static class CueCaseFile
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Cases");

    public static IReadOnlyList<CueCase> LoadAll() =>
        System.IO.Directory.GetFiles(Directory, "*.cases").Order(StringComparer.Ordinal).SelectMany(Load).ToList();

    public static IEnumerable<CueCase> Load(string path)
    {
        var file = Path.GetFileNameWithoutExtension(path);
        string? name = null;
        var policies = new List<(string, string)>();
        string? input = null;
        string? verdict = null;
        string? fragment = null;
        var concrete = false;
        string? section = null;
        string? sectionName = null;
        var text = new StringBuilder();

        void Flush()
        {
            var body = text.ToString();
            text.Clear();
            switch (section)
            {
                case "policy":
                    policies.Add((sectionName ?? "policy.cue", body));
                    break;
                case "input":
                    input = body;
                    break;
            }
            section = null;
        }

        CueCase Build() => new($"{file}: {name}", [.. policies], input ?? throw new InvalidDataException($"{file}: {name}: no input"),
            verdict ?? throw new InvalidDataException($"{file}: {name}: no expect"), fragment, concrete);

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("=== ", StringComparison.Ordinal))
            {
                Flush();
                if (name is not null)
                {
                    yield return Build();
                }
                name = line[4..].Trim();
                policies.Clear();
                input = null;
                verdict = null;
                fragment = null;
                concrete = false;
                continue;
            }
            if (line.StartsWith("--- ", StringComparison.Ordinal))
            {
                Flush();
                var parts = line[4..].Split(' ', 2, StringSplitOptions.TrimEntries);
                switch (parts[0])
                {
                    case "policy":
                        section = "policy";
                        sectionName = parts.Length > 1 ? parts[1] : null;
                        break;
                    case "input":
                        section = "input";
                        break;
                    case "expect":
                    {
                        var rest = parts.Length > 1 ? parts[1].Split(' ', 2, StringSplitOptions.TrimEntries) : [];
                        verdict = rest.Length > 0 ? rest[0] : throw new InvalidDataException(line);
                        fragment = rest.Length > 1 ? rest[1] : null;
                        break;
                    }
                    case "concrete":
                        concrete = true;
                        break;
                    default:
                        throw new InvalidDataException($"{file}: unknown section {line}");
                }
                continue;
            }
            if (section is not null)
            {
                text.Append(line).Append('\n');
            }
        }
        Flush();
        if (name is not null)
        {
            yield return Build();
        }
    }
}
