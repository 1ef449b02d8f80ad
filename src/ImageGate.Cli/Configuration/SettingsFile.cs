using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ImageGate.Cli.Configuration;

/// <summary>
/// <c>--config FILE</c>: one flat mapping of option names (without the dashes) to values, in YAML or JSON (by the
/// extension; <c>.json</c> is JSON, anything else YAML). A value is a scalar or, for a repeatable option, a list of
/// scalars. Nesting, an empty value and a repeated key are refused: a typo must never silently drop a setting.
/// </summary>
internal static class SettingsFile
{
    public const long MaxBytes = 1 << 20;

    /// <summary>The settings as key (or key:index for a list) to value, or why the file cannot be used.</summary>
    public static string? TryRead(string path, out Dictionary<string, string?> settings)
    {
        settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return $"--config {path}: no such file";
            }
            if (info.Length > MaxBytes)
            {
                return $"--config {path}: {info.Length} bytes, more than the {MaxBytes} a settings file may have";
            }
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"--config {path}: {e.Message}";
        }
        var problem = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? FromJson(text, settings) : FromYaml(text, settings);
        return problem is null ? null : $"--config {path}: {problem}";
    }

    private static string? FromYaml(string text, Dictionary<string, string?> settings)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            return $"not valid YAML: {e.Message}";
        }
        if (stream.Documents.Count == 0)
        {
            return "empty; a settings file that sets nothing is a mistake";
        }
        if (stream.Documents.Count > 1 || stream.Documents[0].RootNode is not YamlMappingNode top)
        {
            return "expected one mapping of option names to values";
        }
        foreach (var (keyNode, value) in top.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            var problem = value switch
            {
                YamlScalarNode scalar => Add(settings, key, scalar.Value),
                YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode) =>
                    AddList(settings, key, list.Children.Select(c => ((YamlScalarNode)c).Value).ToList()),
                _ => $"{key}: expected a value or a list of values, found a {value.NodeType}",
            };
            if (problem is not null)
            {
                return problem;
            }
        }
        return null;
    }

    private static string? FromJson(string text, Dictionary<string, string?> settings)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException e)
        {
            return $"not valid JSON: {e.Message}";
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "expected one object of option names to values";
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var problem = property.Value.ValueKind switch
                {
                    JsonValueKind.Array when property.Value.EnumerateArray().All(IsScalar) =>
                        AddList(settings, property.Name, property.Value.EnumerateArray().Select(Scalar).ToList()),
                    _ when IsScalar(property.Value) => Add(settings, property.Name, Scalar(property.Value)),
                    var kind => $"{property.Name}: expected a value or a list of values, found {kind}",
                };
                if (problem is not null)
                {
                    return problem;
                }
            }
        }
        return null;
    }

    private static bool IsScalar(JsonElement e) => e.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    private static string? Scalar(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText();

    private static string? Add(Dictionary<string, string?> settings, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return "a setting has no name";
        }
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{key} is set but empty; an empty value is not an absent one: give a value or leave it out";
        }
        if (settings.Keys.Any(k => k.Equals(key, StringComparison.OrdinalIgnoreCase) || k.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase)))
        {
            return $"{key} is set twice";
        }
        settings[key] = value;
        return null;
    }

    private static string? AddList(Dictionary<string, string?> settings, string key, List<string?> values)
    {
        if (values.Count == 0)
        {
            return $"{key} is an empty list; leave it out instead";
        }
        for (int i = 0; i < values.Count; i++)
        {
            if (Add(settings, $"{key}:{i}", values[i]) is { } problem)
            {
                return problem.Replace($"{key}:{i}", $"{key}[{i}]", StringComparison.Ordinal);
            }
        }
        return null;
    }
}
