using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ImageGate.Verification.Policy;

/// <summary>
/// Reads a YAML (or JSON, which is YAML) document as YamlDotNet's node tree and answers the typed questions the
/// policy reader asks, each with the line of the node for error messages. No reflection serializer is involved.
/// </summary>
internal static class PolicyNode
{
    /// <summary>Real policies nest six levels; YamlDotNet's node builder recurses once per level.</summary>
    public const int MaxDepth = 32;

    public static YamlNode? Load(string text, out string? error)
    {
        error = null;
        try
        {
            // The event parser keeps its own stack, so a first pass can measure nesting that would overflow the
            // recursive node builder (10^5 levels crashed the process before).
            error = TooDeep(text);
            if (error is not null)
            {
                return null;
            }
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count != 1)
            {
                error = $"expected one YAML document; found {stream.Documents.Count}";
                return null;
            }
            return stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            error = $"not valid YAML or JSON at line {e.Start.Line}: {e.Message}";
            return null;
        }
    }

    private static string? TooDeep(string text)
    {
        var parser = new Parser(new StringReader(text));
        int depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                    if (++depth > MaxDepth)
                    {
                        return $"the document is nested deeper than {MaxDepth} levels at line {parser.Current.Start.Line}";
                    }
                    break;
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    depth--;
                    break;
            }
        }
        return null;
    }

    public static string Where(YamlNode node) => $"line {node.Start.Line}";

    public static YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw new PolicyException($"{what} must be a mapping ({Where(node)})");

    public static YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw new PolicyException($"{what} must be a list ({Where(node)})");

    public static string Scalar(YamlNode node, string what) =>
        node is YamlScalarNode { Value: { } value } ? value : throw new PolicyException($"{what} must be a string ({Where(node)})");

    public static int PositiveInt(YamlNode node, string what) =>
        int.TryParse(Scalar(node, what), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) && n >= 1
            ? n
            : throw new PolicyException($"{what} must be a whole number of at least 1 ({Where(node)})");

    public static bool Boolean(YamlNode node, string what) => Scalar(node, what) switch
    {
        "true" => true,
        "false" => false,
        var other => throw new PolicyException($"{what} must be true or false, found \"{other}\" ({Where(node)})"),
    };

    /// <summary>The mapping's entries by key; unknown keys are an error, since a typo in a security policy must
    /// never silently drop a constraint.</summary>
    public static Dictionary<string, YamlNode> Entries(YamlMappingNode mapping, string what, params string[] allowed)
    {
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            string name = Scalar(key, $"a key of {what}");
            if (Array.IndexOf(allowed, name) < 0)
            {
                throw new PolicyException($"{what} has an unknown field \"{name}\" ({Where(key)}); allowed: {string.Join(", ", allowed)}");
            }
            if (!entries.TryAdd(name, value))
            {
                throw new PolicyException($"{what} has \"{name}\" twice ({Where(key)})");
            }
        }
        return entries;
    }
}

/// <summary>A policy document is invalid; caught by the reader and turned into a <c>policy.invalid</c> failure.</summary>
internal sealed class PolicyException(string message) : Exception(message);
