using System.Text;
using System.Text.Json;

namespace ImageGate.Sigstore.Formats;

/// <summary>
/// The walk both canonical forms share (RFC 8785 JCS in <see cref="Jcs"/>, OLPC canonical JSON in
/// <see cref="Tuf.CanonicalJson"/>): no whitespace, object members sorted and a duplicate name refused, arrays in
/// order. What differs between the two, the key order and how strings and numbers are written, is given.
/// </summary>
internal sealed class CanonicalWriter(
    Comparison<string> keyOrder,
    Action<StringBuilder, string> writeString,
    Action<StringBuilder, JsonElement> writeNumber,
    int maxMembers = int.MaxValue)
{
    public void Write(StringBuilder output, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new List<JsonProperty>();
                foreach (var property in element.EnumerateObject())
                {
                    if (properties.Count == maxMembers)
                    {
                        throw new JsonException($"an object has more than {maxMembers} members");
                    }
                    properties.Add(property);
                }
                properties.Sort((a, b) => keyOrder(a.Name, b.Name));
                output.Append('{');
                for (int i = 0; i < properties.Count; i++)
                {
                    if (i > 0)
                    {
                        if (properties[i].Name == properties[i - 1].Name)
                        {
                            throw new JsonException($"duplicate key \"{properties[i].Name}\"");
                        }
                        output.Append(',');
                    }
                    writeString(output, properties[i].Name);
                    output.Append(':');
                    Write(output, properties[i].Value);
                }
                output.Append('}');
                break;
            case JsonValueKind.Array:
                output.Append('[');
                bool first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        output.Append(',');
                    }
                    first = false;
                    Write(output, item);
                }
                output.Append(']');
                break;
            case JsonValueKind.String:
                writeString(output, element.GetString()!);
                break;
            case JsonValueKind.Number:
                writeNumber(output, element);
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            default:
                output.Append("null");
                break;
        }
    }
}
