using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ImageGate.Sigstore.Identity;

/// <summary>What one match attempt found. A timeout is its own outcome so callers fail closed on it.</summary>
public enum Re2MatchOutcome
{
    NoMatch,
    Match,
    TimedOut,
}

/// <summary>
/// A regular expression in Go RE2 syntax (what cosign, Fulcio identity flags and CUE's <c>=~</c> use), checked
/// against RE2's grammar and translated to an equivalent .NET pattern. Matching is unanchored and culture-invariant.
/// The linear-time NonBacktracking engine is used unless the translation needs a lookaround (only for RE2's ASCII
/// <c>\b</c>/<c>\B</c>) or its automaton would be too large; only that backtracking fallback gets the timeout.
/// </summary>
/// <remarks>
/// NonBacktracking runs without a match timeout on purpose: on .NET 10, when its timeout check fires while the lazy
/// DFA is still being built, <c>IsMatch</c> can return <c>true</c> for a text that does not match (seen for
/// <c>^a+\z</c> against 100,000 <c>a</c>s and a <c>!</c> with a 1 ms timeout, and for CUE's 200 ms under CPU load),
/// where it should throw. A fail-open match is worse than a slow one; that engine's cost is linear in the text anyway
/// (as RE2's, which cosign runs without any timeout), and callers bound the text.
/// </remarks>
public sealed class Re2Regex
{
    /// <summary>Reason code of every pattern this class refuses.</summary>
    public const string InvalidPatternCode = "regex.invalid";
    public const int MaxPatternLength = 8192;

    private readonly Regex _regex;

    private Re2Regex(string pattern, string translated, Regex regex)
    {
        Pattern = pattern;
        Translated = translated;
        _regex = regex;
    }

    /// <summary>The RE2 pattern as written.</summary>
    public string Pattern { get; }

    /// <summary>The .NET pattern actually run (for diagnostics and tests).</summary>
    public string Translated { get; }

    public bool IsNonBacktracking => (_regex.Options & RegexOptions.NonBacktracking) != 0;

    public static bool TryCreate(string pattern, [NotNullWhen(true)] out Re2Regex? regex, [NotNullWhen(false)] out Failure? failure) =>
        TryCreate(pattern, Limits.RegexTimeout, out regex, out failure);

    public static bool TryCreate(
        string pattern, TimeSpan timeout, [NotNullWhen(true)] out Re2Regex? regex, [NotNullWhen(false)] out Failure? failure)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        regex = null;
        if (pattern.Length > MaxPatternLength)
        {
            failure = new Failure(InvalidPatternCode, $"regular expression is {pattern.Length} characters long; at most {MaxPatternLength} are allowed");
            return false;
        }
        var translator = new Re2Translator(pattern);
        if (!translator.TryTranslate(out var translated, out var error))
        {
            failure = new Failure(InvalidPatternCode, $"invalid RE2 regular expression `{pattern}`: {error}");
            return false;
        }
        var key = (pattern, timeout);
        if (Cache.TryGetValue(key, out var cached))
        {
            regex = cached;
            failure = null;
            return true;
        }
        if (!TryBuild(pattern, translator, translated, timeout, out regex, out failure))
        {
            return false;
        }
        if (Cache.Count < MaxCached)
        {
            Cache.TryAdd(key, regex);
        }
        return true;
    }

    private const int MaxCached = 256;

    /// <summary>Compiled patterns by (pattern, timeout): a policy names the same regex for several requirements,
    /// and the policy reader validates each before it is used. Instances are immutable and thread-safe.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, TimeSpan), Re2Regex> Cache = new();

    private static bool TryBuild(string pattern, Re2Translator translator, string translated, TimeSpan timeout,
        [NotNullWhen(true)] out Re2Regex? regex, [NotNullWhen(false)] out Failure? failure)
    {
        regex = null;
        var options = RegexOptions.CultureInvariant;
        if (!translator.NeedsBacktracking && NestedRepetition.IsPresent(pattern))
        {
            try
            {
                var linear = new Regex(translated, options | RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout);
                regex = new Re2Regex(pattern, translated, linear);
                failure = null;
                return true;
            }
            catch (NotSupportedException)
            {
                // The automaton would be too large for NonBacktracking; the timeout still bounds the fallback.
            }
            catch (ArgumentException e)
            {
                failure = new Failure(InvalidPatternCode, $"invalid RE2 regular expression `{pattern}`: {e.Message}");
                return false;
            }
        }
        try
        {
            regex = new Re2Regex(pattern, translated, new Regex(translated, options, timeout));
            failure = null;
            return true;
        }
        catch (ArgumentException e)
        {
            failure = new Failure(InvalidPatternCode, $"invalid RE2 regular expression `{pattern}`: {e.Message}");
            return false;
        }
    }

    /// <summary>
    /// Unanchored search, as Go's <c>regexp.MatchString</c>. <see cref="Re2MatchOutcome.TimedOut"/> only comes from the
    /// backtracking fallback, whose timeout always throws; callers must treat it as a failure, never as a match.
    /// </summary>
    public Re2MatchOutcome Match(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return _regex.IsMatch(input) ? Re2MatchOutcome.Match : Re2MatchOutcome.NoMatch;
        }
        catch (RegexMatchTimeoutException)
        {
            return Re2MatchOutcome.TimedOut;
        }
    }

    public override string ToString() => Pattern;
}

/// <summary>
/// One pass over an RE2 pattern (Go regexp/syntax, Perl flags) that rejects what RE2 rejects and writes the .NET
/// spelling of everything else. Literals are always escaped so .NET-only syntax (class subtraction, <c>\e</c>,
/// <c>(?'n'</c> ...) can never be reached through a pattern that RE2 reads differently.
/// </summary>
internal sealed class Re2Translator
{
    private const int MaxRepeat = 1000;
    private const string WordClass = "0-9A-Za-z_";
    private static readonly (int Lo, int Hi)[] Digit = [(0x30, 0x39)];
    private static readonly (int Lo, int Hi)[] Word = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)];
    private static readonly (int Lo, int Hi)[] Space = [(0x09, 0x0A), (0x0C, 0x0D), (0x20, 0x20)];

    private static readonly Dictionary<string, (int Lo, int Hi)[]> Posix = new(StringComparer.Ordinal)
    {
        ["alnum"] = [(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)],
        ["alpha"] = [(0x41, 0x5A), (0x61, 0x7A)],
        ["ascii"] = [(0x00, 0x7F)],
        ["blank"] = [(0x09, 0x09), (0x20, 0x20)],
        ["cntrl"] = [(0x00, 0x1F), (0x7F, 0x7F)],
        ["digit"] = [(0x30, 0x39)],
        ["graph"] = [(0x21, 0x7E)],
        ["lower"] = [(0x61, 0x7A)],
        ["print"] = [(0x20, 0x7E)],
        ["punct"] = [(0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)],
        ["space"] = [(0x09, 0x0D), (0x20, 0x20)],
        ["upper"] = [(0x41, 0x5A)],
        ["word"] = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)],
        ["xdigit"] = [(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)],
    };

    // Unicode general categories both engines know; RE2's script names (\p{Greek}) have no .NET equivalent.
    private static readonly HashSet<string> Categories = new(StringComparer.Ordinal)
    {
        "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Ps", "Pe",
        "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co",
    };

    private const string SurrogatePair = "[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]";

    private readonly string _p;
    private readonly StringBuilder _out = new();

    // Set while reading a class or escape whose set includes code points beyond U+FFFF (a complement).
    private bool _coversAstral;
    private readonly Stack<(bool Multiline, bool DotAll)> _flagStack = new();
    private readonly HashSet<string> _groupNames = new(StringComparer.Ordinal);
    private int _i;
    private bool _multiline;
    private bool _dotAll;
    private Operand _last = Operand.None;

    private enum Operand
    {
        None,
        Atom,
        Quantified,
    }

    public Re2Translator(string pattern) => _p = pattern;

    public bool NeedsBacktracking { get; private set; }

    public bool TryTranslate(out string translated, [NotNullWhen(false)] out string? error)
    {
        translated = "";
        error = Run();
        if (error is not null)
        {
            return false;
        }
        translated = _out.ToString();
        return true;
    }

    private string? Run()
    {
        while (_i < _p.Length)
        {
            var c = _p[_i];
            string? error;
            switch (c)
            {
                case '\\':
                    error = Escape();
                    break;
                case '[':
                    error = Class();
                    break;
                case '(':
                    error = OpenGroup();
                    break;
                case ')':
                    if (_flagStack.Count == 0)
                    {
                        return $"unexpected ) at offset {_i}";
                    }
                    (_multiline, _dotAll) = _flagStack.Pop();
                    _out.Append(')');
                    _i++;
                    _last = Operand.Atom;
                    error = null;
                    break;
                case '|':
                    _out.Append('|');
                    _i++;
                    _last = Operand.None;
                    error = null;
                    break;
                case '*' or '+' or '?':
                    error = Quantifier(c.ToString());
                    break;
                case '{':
                    error = TryRepeat(out var repeat, out var repeatError) ? repeatError ?? Quantifier(repeat) : Literal(c);
                    break;
                case '^':
                    _out.Append('^');
                    _i++;
                    _last = Operand.Atom;
                    error = null;
                    break;
                case '$':
                    // Without (?m), RE2's $ is the end of the text only; .NET's $ also matches before a final \n.
                    _out.Append(_multiline ? "$" : "\\z");
                    _i++;
                    _last = Operand.Atom;
                    error = null;
                    break;
                case '.':
                    // RE2 matches code points, .NET UTF-16 units: a surrogate pair is one character to RE2.
                    // Lone surrogate halves never match, so a pair cannot be read as two characters either.
                    _out.Append("(?:").Append(SurrogatePair).Append(_dotAll ? "|[^\\uD800-\\uDFFF])" : "|[^\\n\\uD800-\\uDFFF])");
                    _i++;
                    _last = Operand.Atom;
                    error = null;
                    break;
                default:
                    error = Literal(c);
                    break;
            }
            if (error is not null)
            {
                return error;
            }
        }
        return _flagStack.Count > 0 ? "missing closing )" : null;
    }

    private string? Literal(char c)
    {
        if (char.IsHighSurrogate(c) && _i + 1 < _p.Length && char.IsLowSurrogate(_p[_i + 1]))
        {
            // One code point, one atom: a quantifier after it must repeat both UTF-16 halves.
            _out.Append("(?:").Append(c).Append(_p[_i + 1]).Append(')');
            _i += 2;
        }
        else
        {
            AppendLiteral(_out, c);
            _i++;
        }
        _last = Operand.Atom;
        return null;
    }

    private static void AppendLiteral(StringBuilder sb, int c)
    {
        if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_')
        {
            sb.Append((char)c);
        }
        else if (c <= 0xFFFF)
        {
            sb.Append("\\u").Append(c.ToString("X4", CultureInfo.InvariantCulture));
        }
        else
        {
            var s = char.ConvertFromUtf32(c);
            sb.Append("(?:\\u").Append(((int)s[0]).ToString("X4", CultureInfo.InvariantCulture))
                .Append("\\u").Append(((int)s[1]).ToString("X4", CultureInfo.InvariantCulture)).Append(')');
        }
    }

    private string? Quantifier(string op)
    {
        var at = _i;
        if (_last == Operand.None)
        {
            return $"missing argument to repetition operator `{op}` at offset {at}";
        }
        if (_last == Operand.Quantified)
        {
            return $"invalid nested repetition operator `{op}` at offset {at}";
        }
        if (op.Length == 1)
        {
            _i++;
        }
        _out.Append(op);
        if (_i < _p.Length && _p[_i] == '?')
        {
            _out.Append('?');
            _i++;
        }
        else if (_i < _p.Length && _p[_i] == '+')
        {
            return $"possessive quantifier `{op}+` at offset {at} is not supported by RE2";
        }
        _last = Operand.Quantified;
        return null;
    }

    /// <summary>RE2 reads <c>{n}</c>, <c>{n,}</c>, <c>{n,m}</c> as repeats and any other <c>{</c> as a literal.</summary>
    private bool TryRepeat(out string repeat, out string? error)
    {
        repeat = "";
        error = null;
        var j = _i + 1;
        var min = ReadNumber(ref j);
        if (min is null)
        {
            return false;
        }
        int? max = min;
        if (j < _p.Length && _p[j] == ',')
        {
            j++;
            max = j < _p.Length && _p[j] == '}' ? -1 : ReadNumber(ref j);
            if (max is null)
            {
                return false;
            }
        }
        if (j >= _p.Length || _p[j] != '}')
        {
            return false;
        }
        var text = _p[_i..(j + 1)];
        if (min > MaxRepeat || max > MaxRepeat || (max >= 0 && max < min))
        {
            error = $"invalid repeat count `{text}`";
        }
        repeat = text;
        _i = j + 1;
        return true;
    }

    private int? ReadNumber(ref int j)
    {
        var start = j;
        while (j < _p.Length && char.IsAsciiDigit(_p[j]))
        {
            j++;
        }
        if (j == start || j - start > 8)
        {
            return null;
        }
        return int.Parse(_p.AsSpan(start, j - start), CultureInfo.InvariantCulture);
    }

    private string? OpenGroup()
    {
        var at = _i;
        if (_i + 1 < _p.Length && _p[_i + 1] == '?')
        {
            var rest = _p.AsSpan(_i + 2);
            if (rest.StartsWith("P<") || rest.StartsWith("<") && !rest.StartsWith("<=") && !rest.StartsWith("<!"))
            {
                var nameStart = _i + 2 + (rest[0] == 'P' ? 2 : 1);
                var end = _p.IndexOf('>', nameStart);
                if (end < 0)
                {
                    return $"invalid named capture at offset {at}";
                }
                var name = _p[nameStart..end];
                if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
                {
                    return $"invalid named capture `{name}` at offset {at}";
                }
                if (!_groupNames.Add(name))
                {
                    return $"duplicate capture group name `{name}`";
                }
                // Prefixed so RE2 names that .NET reads as group numbers ("1") stay names.
                _out.Append("(?<n_").Append(name).Append('>');
                _i = end + 1;
                return Push();
            }
            if (rest.StartsWith("P=") || rest.StartsWith("P>"))
            {
                return $"named backreference or recursion `(?{rest[..2].ToString()}` at offset {at} is not supported by RE2";
            }
            if (rest.StartsWith("=") || rest.StartsWith("!"))
            {
                return $"lookahead `(?{rest[0]}` at offset {at} is not supported by RE2";
            }
            if (rest.StartsWith("<=") || rest.StartsWith("<!"))
            {
                return $"lookbehind `(?{rest[..2].ToString()}` at offset {at} is not supported by RE2";
            }
            if (rest.StartsWith(">"))
            {
                return $"atomic group `(?>` at offset {at} is not supported by RE2";
            }
            if (rest.StartsWith("("))
            {
                return $"conditional `(?(` at offset {at} is not supported by RE2";
            }
            if (rest.StartsWith("#"))
            {
                return $"comment group `(?#` at offset {at} is not supported by RE2";
            }
            return Flags(at);
        }
        _out.Append('(');
        _i++;
        return Push();
    }

    private string? Push()
    {
        _flagStack.Push((_multiline, _dotAll));
        _last = Operand.None;
        return null;
    }

    private string? Flags(int at)
    {
        var j = _i + 2;
        var negated = false;
        var sawFlag = false;
        var multiline = _multiline;
        var dotAll = _dotAll;
        var flags = new StringBuilder();
        while (j < _p.Length)
        {
            var c = _p[j];
            switch (c)
            {
                case 'i' or 'm' or 's':
                    sawFlag = true;
                    flags.Append(c);
                    if (c == 'm')
                    {
                        multiline = !negated;
                    }
                    else if (c == 's')
                    {
                        dotAll = !negated;
                    }
                    break;
                case 'U':
                    return $"ungreedy flag `U` at offset {at} is not supported";
                case '-':
                    if (negated)
                    {
                        return $"invalid flags at offset {at}";
                    }
                    negated = true;
                    sawFlag = false;
                    flags.Append(c);
                    break;
                case ':' or ')':
                    if (!sawFlag)
                    {
                        return $"missing or invalid flags at offset {at}";
                    }
                    _out.Append("(?").Append(flags).Append(c);
                    _i = j + 1;
                    if (c == ':')
                    {
                        _flagStack.Push((_multiline, _dotAll));
                    }
                    (_multiline, _dotAll) = (multiline, dotAll);
                    _last = Operand.None;
                    return null;
                default:
                    return $"unknown group construct `(?{c}` at offset {at} (RE2 has no such syntax)";
            }
            j++;
        }
        return $"missing closing ) at offset {at}";
    }

    private string? Escape()
    {
        if (_i + 1 >= _p.Length)
        {
            return "trailing backslash at end of expression";
        }
        var c = _p[_i + 1];
        switch (c)
        {
            case 'Q':
            {
                var end = _p.IndexOf("\\E", _i + 2, StringComparison.Ordinal);
                var text = end < 0 ? _p[(_i + 2)..] : _p[(_i + 2)..end];
                _i = end < 0 ? _p.Length : end + 2;
                if (text.Length == 0)
                {
                    return null;
                }
                // Each literal is its own atom; a following quantifier binds to the last one, as in RE2.
                var runes = text.EnumerateRunes().ToList();
                for (var k = 0; k < runes.Count; k++)
                {
                    if (k == runes.Count - 1 && runes.Count > 1)
                    {
                        _out.Append("(?:");
                        AppendLiteral(_out, runes[k].Value);
                        _out.Append(')');
                    }
                    else
                    {
                        AppendLiteral(_out, runes[k].Value);
                    }
                }
                _last = Operand.Atom;
                return null;
            }
            case 'A':
                _out.Append("\\A");
                _i += 2;
                _last = Operand.Atom;
                return null;
            case 'z':
                _out.Append("\\z");
                _i += 2;
                _last = Operand.Atom;
                return null;
            case 'b':
                // RE2's \b is ASCII: a word character on exactly one side.
                NeedsBacktracking = true;
                _out.Append($"(?:(?<=[{WordClass}])(?![{WordClass}])|(?<![{WordClass}])(?=[{WordClass}]))");
                _i += 2;
                _last = Operand.Atom;
                return null;
            case 'B':
                NeedsBacktracking = true;
                _out.Append($"(?:(?<=[{WordClass}])(?=[{WordClass}])|(?<![{WordClass}])(?![{WordClass}]))");
                _i += 2;
                _last = Operand.Atom;
                return null;
        }
        var set = new List<string>();
        _coversAstral = false;
        var error = ClassEscape(set, out var single);
        if (error is not null)
        {
            return error;
        }
        if (single is { } cp)
        {
            AppendLiteral(_out, cp);
        }
        else if (_coversAstral)
        {
            _out.Append("(?:").Append(SurrogatePair).Append("|[").AppendJoin("", set).Append("-[\\uD800-\\uDFFF]])");
        }
        else
        {
            _out.Append('[').AppendJoin("", set).Append(']');
        }
        _last = Operand.Atom;
        return null;
    }

    /// <summary>
    /// Reads one escape at <c>_i</c> valid both inside and outside a class: either a single code point or a set
    /// (written as .NET class items into <paramref name="set"/>).
    /// </summary>
    private string? ClassEscape(List<string> set, out int? single)
    {
        single = null;
        var at = _i;
        var c = _p[_i + 1];
        _i += 2;
        switch (c)
        {
            case 'd': AddRanges(set, Digit, false); return null;
            case 'D': AddRanges(set, Digit, true); return null;
            case 'w': AddRanges(set, Word, false); return null;
            case 'W': AddRanges(set, Word, true); return null;
            case 's': AddRanges(set, Space, false); return null;
            case 'S': AddRanges(set, Space, true); return null;
            case 'p' or 'P':
                return UnicodeClass(set, c == 'P', at);
            case 'a': single = 0x07; return null;
            case 'f': single = 0x0C; return null;
            case 't': single = 0x09; return null;
            case 'n': single = 0x0A; return null;
            case 'r': single = 0x0D; return null;
            case 'v': single = 0x0B; return null;
            case 'x':
                return HexEscape(out single, at);
            case >= '0' and <= '7':
            {
                // Go: a single non-zero digit is a backreference; \0 and multi-digit forms are octal.
                if (c != '0' && (_i >= _p.Length || _p[_i] < '0' || _p[_i] > '7'))
                {
                    return $"backreference `\\{c}` at offset {at} is not supported by RE2";
                }
                var value = c - '0';
                for (var k = 0; k < 2 && _i < _p.Length && _p[_i] is >= '0' and <= '7'; k++)
                {
                    value = value * 8 + (_p[_i] - '0');
                    _i++;
                }
                single = value;
                return null;
            }
            case '8' or '9':
                return $"backreference `\\{c}` at offset {at} is not supported by RE2";
            case 'k':
                return $"named backreference `\\k` at offset {at} is not supported by RE2";
            case 'Z':
                return $"`\\Z` at offset {at} is not RE2 syntax (use `\\z` or `$`)";
            case 'C':
                return $"`\\C` (any byte) at offset {at} is not supported";
            case 'Q' or 'E' or 'A' or 'z' or 'b' or 'B':
                return $"`\\{c}` at offset {at} is not allowed inside a character class";
        }
        if (c < 0x80 && !char.IsAsciiLetterOrDigit(c))
        {
            single = c;
            return null;
        }
        return $"invalid escape sequence `\\{c}` at offset {at}";
    }

    private string? HexEscape(out int? single, int at)
    {
        single = null;
        if (_i < _p.Length && _p[_i] == '{')
        {
            var end = _p.IndexOf('}', _i);
            if (end < 0 || end == _i + 1 || end - _i > 9
                || !int.TryParse(_p.AsSpan(_i + 1, end - _i - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)
                || v > 0x10FFFF)
            {
                return $"invalid escape sequence `\\x` at offset {at}";
            }
            single = v;
            _i = end + 1;
            return null;
        }
        if (_i + 2 > _p.Length
            || !int.TryParse(_p.AsSpan(_i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
        {
            return $"invalid escape sequence `\\x` at offset {at}";
        }
        single = b;
        _i += 2;
        return null;
    }

    private string? UnicodeClass(List<string> set, bool negated, int at)
    {
        string name;
        if (_i < _p.Length && _p[_i] == '{')
        {
            var end = _p.IndexOf('}', _i);
            if (end < 0)
            {
                return $"invalid character class range at offset {at}";
            }
            name = _p[(_i + 1)..end];
            _i = end + 1;
        }
        else if (_i < _p.Length)
        {
            name = _p[_i].ToString();
            _i++;
        }
        else
        {
            return $"invalid character class range at offset {at}";
        }
        if (name.StartsWith('^'))
        {
            negated = !negated;
            name = name[1..];
        }
        if (name == "Any")
        {
            if (!negated)
            {
                set.Add("\\u0000-\\uFFFF");
                _coversAstral = true;
            }
            return null;
        }
        if (!Categories.Contains(name))
        {
            return $"Unicode class `\\p{{{name}}}` at offset {at} is not supported (only general categories such as L, Lu, Nd)";
        }
        set.Add((negated ? "\\P{" : "\\p{") + name + "}");
        // .NET sees a character beyond U+FFFF as two Cs units: a negated category must still match it whole.
        _coversAstral |= negated;
        return null;
    }

    private void AddRanges(List<string> set, (int Lo, int Hi)[] ranges, bool negated)
    {
        _coversAstral |= negated;
        if (!negated)
        {
            foreach (var (lo, hi) in ranges)
            {
                set.Add(Range(lo, hi));
            }
            return;
        }
        // The complement over UTF-16 code units (.NET matches code units; astral characters are two of them).
        var next = 0;
        foreach (var (lo, hi) in ranges)
        {
            if (lo > next)
            {
                set.Add(Range(next, lo - 1));
            }
            next = hi + 1;
        }
        if (next <= 0xFFFF)
        {
            set.Add(Range(next, 0xFFFF));
        }
    }

    private static string Range(int lo, int hi)
    {
        var sb = new StringBuilder();
        sb.Append("\\u").Append(lo.ToString("X4", CultureInfo.InvariantCulture));
        if (hi != lo)
        {
            sb.Append("-\\u").Append(hi.ToString("X4", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private string? Class()
    {
        var at = _i;
        _i++;
        var negated = false;
        if (_i < _p.Length && _p[_i] == '^')
        {
            negated = true;
            _i++;
        }
        var items = new List<string>();
        var astral = new List<string>();
        _coversAstral = false;
        var first = true;
        while (true)
        {
            if (_i >= _p.Length)
            {
                return $"missing closing ] for character class at offset {at}";
            }
            var c = _p[_i];
            if (c == ']' && !first)
            {
                _i++;
                break;
            }
            if (c == '-' && !first && _i + 1 < _p.Length && _p[_i + 1] != ']')
            {
                return $"invalid character class range at offset {_i}";
            }
            first = false;
            if (c == '[' && _i + 1 < _p.Length && _p[_i + 1] == ':')
            {
                var end = _p.IndexOf(":]", _i + 2, StringComparison.Ordinal);
                if (end > 0)
                {
                    var name = _p[(_i + 2)..end];
                    var neg = name.StartsWith('^');
                    if (neg)
                    {
                        name = name[1..];
                    }
                    if (!Posix.TryGetValue(name, out var ranges))
                    {
                        return $"invalid character class range `[:{name}:]` at offset {_i}";
                    }
                    AddRanges(items, ranges, neg);
                    _i = end + 2;
                    continue;
                }
            }
            var error = ClassAtom(items, out var lo);
            if (error is not null)
            {
                return error;
            }
            if (lo is null)
            {
                continue;
            }
            if (_i + 1 < _p.Length && _p[_i] == '-' && _p[_i + 1] != ']')
            {
                _i++;
                var rangeAt = _i;
                error = ClassAtom(items, out var hi);
                if (error is not null)
                {
                    return error;
                }
                if (hi is null || hi < lo)
                {
                    return $"invalid character class range at offset {rangeAt}";
                }
                AddCodePointRange(items, astral, lo.Value, hi.Value);
            }
            else
            {
                AddCodePointRange(items, astral, lo.Value, lo.Value);
            }
        }
        if (negated && astral.Count > 0)
        {
            return $"negated character class at offset {at} with members beyond U+FFFF is not supported";
        }
        // Whether the class's set holds every code point beyond U+FFFF, which .NET sees as a UTF-16 pair: a
        // complement inside a positive class, or a negated class without one (whose complement then holds them).
        var pair = negated ? !_coversAstral : _coversAstral;
        var alternatives = new List<string>();
        if (pair)
        {
            alternatives.Add(SurrogatePair);
        }
        alternatives.AddRange(astral);
        // Surrogate halves are taken out of the UTF-16 class so a pair is never read as two characters.
        if (negated)
        {
            alternatives.Add("[^" + string.Concat(items) + "\\uD800-\\uDFFF]");
        }
        else if (items.Count > 0)
        {
            alternatives.Add("[" + string.Concat(items) + (_coversAstral ? "-[\\uD800-\\uDFFF]]" : "]"));
        }
        if (alternatives.Count == 0)
        {
            // Only an empty set (e.g. [\p{^Any}]) gets here: it matches nothing.
            _out.Append("[^\\s\\S]");
        }
        else if (alternatives.Count == 1)
        {
            _out.Append(alternatives[0]);
        }
        else
        {
            _out.Append("(?:").AppendJoin("|", alternatives).Append(')');
        }
        _last = Operand.Atom;
        return null;
    }

    /// <summary>
    /// Adds lo..hi to the class: the part up to U+FFFF as a class item, the part beyond as UTF-16 surrogate-pair
    /// alternatives (a .NET class holds UTF-16 units, not code points).
    /// </summary>
    private static void AddCodePointRange(List<string> items, List<string> astral, int lo, int hi)
    {
        if (lo <= 0xFFFF)
        {
            items.Add(Range(lo, Math.Min(hi, 0xFFFF)));
            if (hi <= 0xFFFF)
            {
                return;
            }
            lo = 0x10000;
        }
        var (hiLo, lowLo) = Split(lo);
        var (hiHi, lowHi) = Split(hi);
        if (hiLo == hiHi)
        {
            astral.Add($"{Unit(hiLo)}[{Range(lowLo, lowHi)}]");
            return;
        }
        astral.Add($"{Unit(hiLo)}[{Range(lowLo, 0xDFFF)}]");
        if (hiLo + 1 <= hiHi - 1)
        {
            astral.Add($"[{Range(hiLo + 1, hiHi - 1)}][{Range(0xDC00, 0xDFFF)}]");
        }
        astral.Add($"{Unit(hiHi)}[{Range(0xDC00, lowHi)}]");

        static (int High, int Low) Split(int cp) => (0xD800 + ((cp - 0x10000) >> 10), 0xDC00 + ((cp - 0x10000) & 0x3FF));
        static string Unit(int u) => "\\u" + u.ToString("X4", CultureInfo.InvariantCulture);
    }

    private string? ClassAtom(List<string> items, out int? codePoint)
    {
        codePoint = null;
        var c = _p[_i];
        if (c == '\\')
        {
            if (_i + 1 >= _p.Length)
            {
                return "trailing backslash at end of expression";
            }
            return ClassEscape(items, out codePoint);
        }
        if (char.IsHighSurrogate(c) && _i + 1 < _p.Length && char.IsLowSurrogate(_p[_i + 1]))
        {
            codePoint = char.ConvertToUtf32(c, _p[_i + 1]);
            _i += 2;
            return null;
        }
        codePoint = c;
        _i++;
        return null;
    }
}
