using System.Globalization;

namespace ImageGate.Cue;

/// <summary>
/// The builtins of the supported imports: <c>strings.HasPrefix/HasSuffix/Contains</c> (also as validators, with
/// the first argument omitted) and <c>time.Parse</c> with the RFC 3339 layouts, returning the time as CUE does: a
/// string in UTC RFC 3339 with nanoseconds, so <c>&lt;</c> and <c>&gt;</c> compare times lexically.
/// </summary>
internal static class Builtins
{
    public const string Rfc3339 = "2006-01-02T15:04:05Z07:00";
    public const string Rfc3339Nano = "2006-01-02T15:04:05.999999999Z07:00";

    public static bool IsPackage(string path) => path is "strings" or "time";

    public static bool TryConstant(string package, string name, out Scalar value)
    {
        value = Scalar.Null;
        if (package != "time")
        {
            return false;
        }
        switch (name)
        {
            case "RFC3339":
                value = Scalar.Of(Rfc3339);
                return true;
            case "RFC3339Nano":
                value = Scalar.Of(Rfc3339Nano);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Argument counts: a bool builtin also accepts one fewer (validator form).</summary>
    public static bool IsFunction(string package, string name, out int minArgs, out int maxArgs)
    {
        (minArgs, maxArgs) = (package, name) switch
        {
            ("strings", "HasPrefix" or "HasSuffix" or "Contains") => (1, 2),
            ("time", "Parse") => (2, 2),
            _ => (-1, -1),
        };
        return minArgs >= 0;
    }

    private static Func<string, string, bool> StringTest(string name) => name switch
    {
        "HasPrefix" => static (s, p) => s.StartsWith(p, StringComparison.Ordinal),
        "HasSuffix" => static (s, p) => s.EndsWith(p, StringComparison.Ordinal),
        _ => static (s, p) => s.Contains(p, StringComparison.Ordinal),
    };

    public static Leaf Call(string package, string name, IReadOnlyList<Leaf> args)
    {
        var call = $"{package}.{name}";
        foreach (var a in args)
        {
            if (a.Error is not null)
            {
                return a;
            }
            if (a.Incomplete is not null)
            {
                return a;
            }
            if (!a.IsConcrete)
            {
                return Leaf.NotYet($"{call}: argument {a.Describe()} is not concrete");
            }
            if (a.Value!.Kind != Kind.String)
            {
                return Leaf.Fail($"cannot use {a.Value} (type {Format.KindName(a.Value.Kind)}) as string in argument to {call}");
            }
        }
        if (package == "strings")
        {
            var test = StringTest(name);
            return args.Count == 1
                ? Leaf.OfBound(new ValidatorBound(call, test, args[0].Value!.String!))
                : Leaf.Of(Scalar.Of(test(args[0].Value!.String!, args[1].Value!.String!)));
        }
        var layout = args[0].Value!.String!;
        if (layout is not (Rfc3339 or Rfc3339Nano))
        {
            return Leaf.Fail($"time.Parse: only the layouts time.RFC3339 and time.RFC3339Nano are supported, not {Format.Quote(layout)}");
        }
        var text = args[1].Value!.String!;
        return TryParseRfc3339(text, out var normalized)
            ? Leaf.Of(Scalar.Of(normalized))
            : Leaf.Fail($"time.Parse: cannot parse {Format.Quote(text)} as RFC 3339");
    }

    /// <summary>Go's <c>time.Parse(time.RFC3339, s)</c> then <c>UTC().Format(time.RFC3339Nano)</c>.</summary>
    public static bool TryParseRfc3339(string s, out string normalized)
    {
        normalized = "";
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }
        var i = 19;
        var fraction = "";
        if (i < s.Length && s[i] is '.' or ',')
        {
            var start = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
            if (i == start || i - start > 9)
            {
                return false;
            }
            fraction = s[start..i];
        }
        if (i >= s.Length)
        {
            return false;
        }
        var offsetMinutes = 0;
        if (s[i] == 'Z' && i + 1 == s.Length)
        {
            i++;
        }
        else if (s[i] is '+' or '-' && i + 6 == s.Length && s[i + 3] == ':'
            && Digits(s, i + 1, 2, out var oh) && Digits(s, i + 4, 2, out var om) && oh < 24 && om < 60)
        {
            offsetMinutes = (oh * 60 + om) * (s[i] == '-' ? -1 : 1);
        }
        else
        {
            return false;
        }
        if (year < 1 || month is < 1 or > 12 || hour > 23 || minute > 59 || second > 59 || day < 1
            || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        var utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddMinutes(-offsetMinutes);
        fraction = fraction.TrimEnd('0');
        normalized = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            + (fraction.Length > 0 ? "." + fraction : "") + "Z";
        return true;
    }

    private static bool Digits(string s, int start, int count, out int value) =>
        int.TryParse(s.AsSpan(start, count), NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
