using System.Text.Json;

namespace ImageGate.Re2.Tests.Differential;

/// <summary>One row of re2-differential.jsonl: a pattern, a text (none when Go refuses the pattern), Go's verdict.</summary>
internal sealed record DifferentialRow(int Line, string Pattern, string? Input, string Go)
{
    public override string ToString() => $"line {Line}: `{Pattern}` on {JsonSerializer.Serialize(Input)}: Go says {Go}";
}

/// <summary>Reads the table generate.sh wrote from Go's regexp; the first line is a comment object.</summary>
internal static class DifferentialTable
{
    private static readonly Lazy<IReadOnlyList<DifferentialRow>> Loaded = new(Load);

    public static IReadOnlyList<DifferentialRow> Rows => Loaded.Value;

    private static List<DifferentialRow> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Differential", "re2-differential.jsonl");
        var rows = new List<DifferentialRow>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.TryGetProperty("comment", out _))
            {
                continue;
            }
            rows.Add(new DifferentialRow(
                line,
                root.GetProperty("pattern").GetString()!,
                root.TryGetProperty("input", out var input) ? input.GetString() : null,
                root.GetProperty("go").GetString()!));
        }
        return rows;
    }
}
