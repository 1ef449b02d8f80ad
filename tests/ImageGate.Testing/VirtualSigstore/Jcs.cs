using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageGate.Testing.VirtualSigstore;

/// <summary>
/// RFC 8785 JSON Canonicalization, written here rather than borrowed from the verifier so that a bug in one
/// cannot hide in the other. Test-grade: numbers must be integers (all Sigstore signed messages only hold
/// integers), strings get the exact JCS escaping, object keys sort by UTF-16 code units.
/// </summary>
public static class Jcs
{
    public static byte[] Canonicalize(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                sb.Append('{');
                bool first = true;
                // Ordinal string comparison orders by UTF-16 code units, which is what RFC 8785 §3.2.3 asks for.
                foreach (var pair in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }
                    first = false;
                    WriteString(sb, pair.Key);
                    sb.Append(':');
                    Write(sb, pair.Value);
                }
                sb.Append('}');
                break;
            case JsonArray array:
                sb.Append('[');
                for (int i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }
                    Write(sb, array[i]);
                }
                sb.Append(']');
                break;
            case JsonValue value:
                WriteValue(sb, value);
                break;
        }
    }

    private static void WriteValue(StringBuilder sb, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(sb, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            case JsonValueKind.Null:
                sb.Append("null");
                break;
            case JsonValueKind.Number:
                // Integers within ±2^53 print the same in ES6 number serialisation and in plain decimal.
                if (value.TryGetValue(out long l))
                {
                    sb.Append(l.ToString(CultureInfo.InvariantCulture));
                }
                else if (value.TryGetValue(out JsonElement e) && e.TryGetInt64(out long l2))
                {
                    sb.Append(l2.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    throw new NotSupportedException("test-grade JCS only canonicalizes integers");
                }
                break;
            default:
                throw new NotSupportedException($"unexpected JSON value kind {value.GetValueKind()}");
        }
    }

    /// <summary>RFC 8785 §3.2.2.2: only ", \ and control characters are escaped; the short forms where JSON has them.</summary>
    public static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append('"');
    }
}
