using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ImageGate.Sigstore.Formats;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme: object keys sorted by UTF-16 code units, no whitespace, strings
/// escaped as ECMAScript's JSON.stringify does, numbers in ECMAScript Number.prototype.toString form.
/// The SET message is its best-known use here; a duplicate key or a non-finite number is refused.
/// </summary>
public static class Jcs
{
    private static readonly CanonicalWriter Writer = new(string.CompareOrdinal, WriteString, (sb, number) => sb.Append(FormatNumber(number.GetDouble())));

    public static byte[] Canonicalize(JsonElement element)
    {
        var sb = new StringBuilder();
        Writer.Write(sb, element);
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static byte[] Canonicalize(ReadOnlySpan<byte> json)
    {
        using var doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = Limits.MaxJsonDepth });
        return Canonicalize(doc.RootElement);
    }

    /// <summary>Writes a JSON string with exactly the escapes JSON.stringify uses.</summary>
    public static void WriteString(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (char c in value)
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

    /// <summary>ECMAScript Number.prototype.toString for a finite double (RFC 8785 §3.2.2.3).</summary>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new JsonException("JCS cannot represent NaN or infinity");
        }
        if (value == 0)
        {
            return "0";
        }
        // "R" gives the shortest digits that round-trip, the same digits ECMAScript chooses.
        string r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOfAny(['E', 'e']);
        int exponent = e < 0 ? 0 : int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string mantissa = e < 0 ? r : r[..e];
        int dot = mantissa.IndexOf('.');
        string digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        int pointPosition = (dot < 0 ? mantissa.Length : dot) + exponent;
        int leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        pointPosition -= leadingZeros;
        int k = digits.Length;
        int n = pointPosition;
        var sb = new StringBuilder();
        if (value < 0)
        {
            sb.Append('-');
        }
        if (k <= n && n <= 21)
        {
            sb.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            sb.Append(digits[0]);
            if (k > 1)
            {
                sb.Append('.').Append(digits, 1, k - 1);
            }
            int exp = n - 1;
            sb.Append('e').Append(exp < 0 ? '-' : '+').Append(Math.Abs(exp).ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
