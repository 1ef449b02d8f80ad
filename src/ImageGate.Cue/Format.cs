using System.Globalization;
using System.Text;

namespace ImageGate.Cue;

/// <summary>CUE notation for values and paths in messages, truncated so a 1.5 MB SBOM cannot flood a log.</summary>
internal static class Format
{
    private const int MaxString = 200;

    public static string Scalar(Scalar s) => s.Kind switch
    {
        Kind.Null => "null",
        Kind.Bool => s.Bool ? "true" : "false",
        Kind.Int or Kind.Float => s.Number.Text,
        Kind.String => Quote(s.String!),
        Kind.Bytes => "'" + Convert.ToHexString(s.Bytes!) + "'",
        _ => "_",
    };

    /// <summary>
    /// A string as a CUE string literal for messages, cut at <see cref="MaxString"/>: <c>"</c> and <c>\</c> escaped,
    /// CUE's single-letter escapes (<c>\a \b \f \n \r \t \v</c>) for those controls, <c>\uXXXX</c> for any other
    /// control, format character or lone surrogate, everything else as written.
    /// </summary>
    public static string Quote(string s)
    {
        var cut = s.Length > MaxString;
        var text = cut ? s[..MaxString] : s;
        var sb = new StringBuilder(text.Length + 2).Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (char.IsSurrogatePair(text, i))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else if (char.IsControl(c) || char.IsSurrogate(c)
                        || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
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
        return (cut ? sb.Append('…') : sb).Append('"').ToString();
    }

    public static string KindName(Kind k)
    {
        if (k == Kind.Top)
        {
            return "_";
        }
        var names = new List<string>();
        if ((k & Kind.Number) == Kind.Number)
        {
            names.Add("number");
        }
        else if ((k & Kind.Int) != 0)
        {
            names.Add("int");
        }
        else if ((k & Kind.Float) != 0)
        {
            names.Add("float");
        }
        foreach (var (bit, name) in new[] { (Kind.Null, "null"), (Kind.Bool, "bool"), (Kind.String, "string"), (Kind.Bytes, "bytes"), (Kind.Struct, "struct"), (Kind.List, "list") })
        {
            if ((k & bit) != 0)
            {
                names.Add(name);
            }
        }
        return names.Count == 0 ? "_|_" : string.Join("|", names);
    }

    public static bool IsIdentifier(string s)
    {
        if (s.Length == 0 || !(char.IsAsciiLetter(s[0]) || s[0] == '$'))
        {
            return false;
        }
        return s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');
    }

    public static string LabelText(Label label) => label.Kind switch
    {
        LabelKind.Regular => IsIdentifier(label.Name) ? label.Name : Quote(label.Name),
        _ => label.Name,
    };
}
