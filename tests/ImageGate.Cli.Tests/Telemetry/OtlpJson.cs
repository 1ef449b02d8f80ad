using System.Text.Json;

namespace ImageGate.Cli.Tests.Telemetry;

/// <summary>Reads the dashboard's OTLP JSON: spans and log records with their resource, attributes as strings.</summary>
public static class OtlpJson
{
    public static IReadOnlyList<OtlpItem> Spans(JsonDocument document) => Items(document, "resourceSpans", "scopeSpans", "spans");

    public static IReadOnlyList<OtlpItem> LogRecords(JsonDocument document) => Items(document, "resourceLogs", "scopeLogs", "logRecords");

    /// <summary>An OTLP attribute list as name to value (the dashboard stores every value as a string).</summary>
    public static Dictionary<string, string> Attributes(JsonElement owner)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (owner.TryGetProperty("attributes", out var list))
        {
            foreach (var attribute in list.EnumerateArray())
            {
                var value = attribute.GetProperty("value").EnumerateObject().First().Value;
                attributes[attribute.GetProperty("key").GetString()!] = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            }
        }
        return attributes;
    }

    private static List<OtlpItem> Items(JsonDocument document, string resources, string scopes, string items)
    {
        var found = new List<OtlpItem>();
        foreach (var resource in document.RootElement.GetProperty("data").GetProperty(resources).EnumerateArray())
        {
            var resourceAttributes = Attributes(resource.GetProperty("resource"));
            foreach (var scope in resource.GetProperty(scopes).EnumerateArray())
            {
                foreach (var item in scope.GetProperty(items).EnumerateArray())
                {
                    found.Add(new OtlpItem(resourceAttributes, Attributes(item), item.Clone()));
                }
            }
        }
        return found;
    }
}

/// <summary>A span or a log record: its resource's attributes, its own, and the raw element (name, traceId, ...).</summary>
public sealed record OtlpItem(IReadOnlyDictionary<string, string> Resource, IReadOnlyDictionary<string, string> Attributes, JsonElement Element)
{
    public string? Text(string property) => Element.TryGetProperty(property, out var value) ? value.GetString() : null;
}
