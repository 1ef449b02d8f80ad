using System.Text;
using System.Text.Json.Nodes;
using ImageGate.Cue;

namespace ImageGate.Cue.Tests;

/// <summary>Reads fixture files copied next to the test assembly and compiles/evaluates them.</summary>
internal static class CueFixtures
{
    public static string PathOf(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    public static string Text(params string[] parts) => File.ReadAllText(PathOf(parts));

    public static CuePolicy Policy(string folder, params string[] files)
    {
        var compilation = CuePolicy.Compile(files.Select(f => (f, Text(folder, f))));
        Assert.True(compilation.Succeeded, compilation.Error?.ToString());
        return compilation.Policy;
    }

    public static CuePolicy PolicyText(string text)
    {
        var compilation = CuePolicy.Compile([("policy.cue", text)]);
        Assert.True(compilation.Succeeded, compilation.Error?.ToString());
        return compilation.Policy;
    }

    public static CueEvaluation Evaluate(CuePolicy policy, string json) =>
        policy.Evaluate(Encoding.UTF8.GetBytes(json), null, TestContext.Current.CancellationToken);

    public static CueEvaluation Evaluate(CuePolicy policy, JsonNode json) => Evaluate(policy, json.ToJsonString());

    /// <summary>A copy of <paramref name="statement"/> with the string at <paramref name="path"/> (dot separated) replaced.</summary>
    public static JsonNode With(JsonNode statement, string path, JsonNode? value)
    {
        var copy = statement.DeepClone();
        var parts = path.Split('.');
        var node = copy;
        foreach (var part in parts[..^1])
        {
            node = node[part]!;
        }
        node.AsObject()[parts[^1]] = value;
        return copy;
    }

    public static JsonNode Without(JsonNode statement, string path)
    {
        var copy = statement.DeepClone();
        var parts = path.Split('.');
        var node = copy;
        foreach (var part in parts[..^1])
        {
            node = node[part]!;
        }
        node.AsObject().Remove(parts[^1]);
        return copy;
    }
}
