namespace ImageGate.Verification.Provenance;

/// <summary>
/// Semantic versions as Go's golang.org/x/mod/semver reads them, which slsa-verifier uses for tags
/// (docs/provenance.md §4): a leading <c>v</c>, <c>vMAJOR</c> and <c>vMAJOR.MINOR</c> as shorthands (without
/// prerelease or build), numbers without leading zeros, <c>-prerelease</c> and <c>+build</c> identifiers.
/// </summary>
public static class GoSemver
{
    private readonly record struct Parsed(string Major, string Minor, string Patch, string Prerelease, string Build, bool Short);

    public static bool IsValid(string version) => TryParse(version, out _);

    /// <summary><c>vMAJOR.MINOR.PATCH[-prerelease]</c>, build dropped; empty when invalid.</summary>
    public static string Canonical(string version) =>
        TryParse(version, out var p) ? $"{p.Major}.{p.Minor}.{p.Patch}{p.Prerelease}" : string.Empty;

    /// <summary><c>vMAJOR</c>; empty when invalid.</summary>
    public static string Major(string version) => TryParse(version, out var p) ? p.Major : string.Empty;

    public static string Prerelease(string version) => TryParse(version, out var p) ? p.Prerelease : string.Empty;

    public static string Build(string version) => TryParse(version, out var p) ? p.Build : string.Empty;

    private static bool TryParse(string v, out Parsed parsed)
    {
        parsed = default;
        if (v.Length == 0 || v[0] != 'v')
        {
            return false;
        }
        int i = 1;
        if (!Number(v, ref i, out var major))
        {
            return false;
        }
        if (i == v.Length)
        {
            parsed = new Parsed("v" + major, "0", "0", string.Empty, string.Empty, true);
            return true;
        }
        if (v[i] != '.')
        {
            return false;
        }
        i++;
        if (!Number(v, ref i, out var minor))
        {
            return false;
        }
        if (i == v.Length)
        {
            parsed = new Parsed("v" + major, minor, "0", string.Empty, string.Empty, true);
            return true;
        }
        if (v[i] != '.')
        {
            return false;
        }
        i++;
        if (!Number(v, ref i, out var patch))
        {
            return false;
        }
        string prerelease = string.Empty, build = string.Empty;
        if (i < v.Length && v[i] == '-')
        {
            int start = i;
            if (!Identifiers(v, ref i, numericRule: true))
            {
                return false;
            }
            prerelease = v[start..i];
        }
        if (i < v.Length && v[i] == '+')
        {
            int start = i;
            if (!Identifiers(v, ref i, numericRule: false))
            {
                return false;
            }
            build = v[start..i];
        }
        if (i != v.Length)
        {
            return false;
        }
        parsed = new Parsed("v" + major, minor, patch, prerelease, build, false);
        return true;
    }

    private static bool Number(string v, ref int i, out string number)
    {
        int start = i;
        while (i < v.Length && char.IsAsciiDigit(v[i]))
        {
            i++;
        }
        number = v[start..i];
        return number.Length > 0 && (number.Length == 1 || number[0] != '0');
    }

    /// <summary>After the <c>-</c> or <c>+</c> at <paramref name="i"/>: dot-separated, non-empty [0-9A-Za-z-] identifiers;
    /// in a prerelease a numeric identifier has no leading zero.</summary>
    private static bool Identifiers(string v, ref int i, bool numericRule)
    {
        i++;
        int start = i;
        while (true)
        {
            while (i < v.Length && (char.IsAsciiLetterOrDigit(v[i]) || v[i] == '-'))
            {
                i++;
            }
            var identifier = v.AsSpan(start, i - start);
            if (identifier.IsEmpty)
            {
                return false;
            }
            if (numericRule && identifier.Length > 1 && identifier[0] == '0' && !identifier.ContainsAnyExcept("0123456789"))
            {
                return false;
            }
            if (i < v.Length && v[i] == '.')
            {
                start = ++i;
                continue;
            }
            return true;
        }
    }
}
