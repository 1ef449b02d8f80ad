using System.Text;
using ImageGate.Sigstore.Formats;

namespace ImageGate.Verification.Cue;

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

    /// <summary>A string as a JSON/CUE literal for messages (the JCS escaper), cut at <see cref="MaxString"/>.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder();
        Jcs.WriteString(sb, s.Length > MaxString ? s[..MaxString] : s);
        if (s.Length > MaxString)
        {
            sb.Insert(sb.Length - 1, '…');
        }
        return sb.ToString();
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
