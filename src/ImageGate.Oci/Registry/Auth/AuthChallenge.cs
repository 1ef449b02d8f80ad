using System.Text;

namespace ImageGate.Oci.Registry.Auth;

/// <summary>
/// One <c>WWW-Authenticate</c> challenge (RFC 9110 11.6.1): a scheme and its auth-params. The docker token
/// spec puts <c>realm</c>, <c>service</c> and <c>scope</c> here, and scope values contain commas inside
/// quotes (<c>repository:a/b:pull,push</c>), so the parser honours quoted strings.
/// </summary>
internal sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public string? Parameter(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>Parses the header value; null when it is not a well-formed challenge.</summary>
    public static AuthChallenge? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }
        var s = header.Trim();
        var space = s.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? s : s[..space];
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = space < 0 ? s.Length : space + 1;
        while (i < s.Length)
        {
            while (i < s.Length && (s[i] == ' ' || s[i] == ','))
            {
                i++;
            }
            var eq = s.IndexOf('=', i);
            if (eq < 0)
            {
                break;
            }
            var name = s[i..eq].Trim();
            i = eq + 1;
            string value;
            if (i < s.Length && s[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (i < s.Length && s[i] != '"')
                {
                    if (s[i] == '\\' && i + 1 < s.Length)
                    {
                        i++;
                    }
                    sb.Append(s[i]);
                    i++;
                }
                if (i >= s.Length)
                {
                    return null;
                }
                i++;
                value = sb.ToString();
            }
            else
            {
                var end = s.IndexOf(',', i);
                end = end < 0 ? s.Length : end;
                value = s[i..end].Trim();
                i = end;
            }
            if (name.Length > 0)
            {
                parameters[name] = value;
            }
        }
        return new AuthChallenge(scheme, parameters);
    }
}
