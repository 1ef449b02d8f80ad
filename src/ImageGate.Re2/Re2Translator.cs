using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using ImageGate.Re2.Unicode;

namespace ImageGate.Re2;

/// <summary>
/// One pass over an RE2 pattern (Go regexp/syntax, Perl flags) that rejects what RE2 rejects and writes the .NET
/// spelling of everything else. Literals are always escaped so .NET-only syntax (class subtraction, <c>\e</c>,
/// <c>(?'n'</c> ...) can never be reached through a pattern that RE2 reads differently.
/// </summary>
internal sealed partial class Re2Translator
{
    private const int MaxRepeat = 1000;

    private const string SurrogatePair = "[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]";

    private readonly string _p;
    private readonly StringBuilder _out = new();

    private readonly Stack<(bool Multiline, bool DotAll, bool FoldCase)> _flagStack = new();

    // For each open group: whether its body so far repeats or alternates (see HasNestedRepetition).
    private readonly Stack<bool> _outerBodyRepeats = new();
    private bool _bodyRepeats;
    private readonly HashSet<string> _groupNames = new(StringComparer.Ordinal);
    private int _i;
    private bool _multiline;
    private bool _dotAll;

    // (?i): applied by the translator itself with Go's case orbits; .NET's IgnoreCase is never used.
    private bool _foldCase;
    private Operand _last = Operand.None;

    private enum Operand
    {
        None,
        Atom,

        /// <summary>A group whose body repeats or alternates: repeating it again nests repetitions.</summary>
        RepeatingGroup,
        Quantified,
    }

    public Re2Translator(string pattern) => _p = pattern;

    /// <summary>The translation uses a lookaround, which only the backtracking engine runs.</summary>
    public bool NeedsBacktracking { get; private set; }

    /// <summary>
    /// Some group whose body holds a repetition (<c>* + ? {n,m}</c>) or an alternation is itself repeated more than
    /// once (<c>* + {n,} {n,m}</c> with m &gt; 1), as in <c>(a+)+</c>, <c>(a?a?)+</c> or <c>(a|a){2,9}</c>: the
    /// shapes on which a backtracking engine can take time exponential in the text. An optional group
    /// (<c>(-rc.[0-9]+)?</c>) runs at most once and is not one.
    /// </summary>
    public bool HasNestedRepetition { get; private set; }

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
        for (var k = 0; k < _p.Length; k++)
        {
            // Go reads patterns as UTF-8: a lone surrogate half is not text it could have been given.
            if (char.IsSurrogate(_p[k]) && !(char.IsHighSurrogate(_p[k]) && k + 1 < _p.Length && char.IsLowSurrogate(_p[++k])))
            {
                return $"invalid UTF-16: lone surrogate at offset {k}";
            }
        }
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
                    (_multiline, _dotAll, _foldCase) = _flagStack.Pop();
                    _out.Append(')');
                    _i++;
                    _last = _bodyRepeats ? Operand.RepeatingGroup : Operand.Atom;
                    _bodyRepeats |= _outerBodyRepeats.Pop();
                    error = null;
                    break;
                case '|':
                    _out.Append('|');
                    _i++;
                    _last = Operand.None;
                    _bodyRepeats = true;
                    error = null;
                    break;
                case '*' or '+' or '?':
                    error = Quantifier(c.ToString(), c == '?' ? 1 : -1);
                    break;
                case '{':
                    error = TryRepeat(out var repeat, out var max, out var repeatError) ? repeatError ?? Quantifier(repeat, max) : Literal(c);
                    break;
                case '^':
                    _out.Append(_multiline ? "(?m:^)" : "^");
                    _i++;
                    _last = Operand.Atom;
                    error = null;
                    break;
                case '$':
                    // Without (?m), RE2's $ is the end of the text only; .NET's $ also matches before a final \n.
                    _out.Append(_multiline ? "(?m:$)" : "\\z");
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
            AppendLiteral(char.ConvertToUtf32(c, _p[_i + 1]));
            _i += 2;
        }
        else
        {
            AppendLiteral(c);
            _i++;
        }
        _last = Operand.Atom;
        return null;
    }

    /// <summary>Writes one code point as one atom (a quantifier after it repeats it whole), with its case orbit under (?i).</summary>
    private void AppendLiteral(int c)
    {
        if (_foldCase)
        {
            var orbit = new CodePointSet();
            orbit.Add(c, c);
            orbit = CaseOrbits.Close(orbit);
            if (orbit.Ranges.Count > 1 || orbit.Ranges[0].Lo != orbit.Ranges[0].Hi)
            {
                Utf16Pattern.Append(_out, orbit);
                return;
            }
        }
        if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_')
        {
            _out.Append((char)c);
        }
        else if (c <= 0xFFFF)
        {
            _out.Append("\\u").Append(c.ToString("X4", CultureInfo.InvariantCulture));
        }
        else
        {
            var s = char.ConvertFromUtf32(c);
            _out.Append("(?:\\u").Append(((int)s[0]).ToString("X4", CultureInfo.InvariantCulture))
                .Append("\\u").Append(((int)s[1]).ToString("X4", CultureInfo.InvariantCulture)).Append(')');
        }
    }

    /// <summary>Applies <paramref name="op"/> (at most <paramref name="max"/> times; -1 for unbounded) to the last atom.</summary>
    private string? Quantifier(string op, int max)
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
        if (_last == Operand.RepeatingGroup && max is < 0 or > 1)
        {
            HasNestedRepetition = true;
        }
        _bodyRepeats = true;
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
    private bool TryRepeat(out string repeat, out int max, out string? error)
    {
        repeat = "";
        max = 0;
        error = null;
        var j = _i + 1;
        var min = ReadNumber(ref j);
        if (min is null)
        {
            return false;
        }
        int? upper = min;
        if (j < _p.Length && _p[j] == ',')
        {
            j++;
            upper = j < _p.Length && _p[j] == '}' ? -1 : ReadNumber(ref j);
            if (upper is null)
            {
                return false;
            }
        }
        if (j >= _p.Length || _p[j] != '}')
        {
            return false;
        }
        var text = _p[_i..(j + 1)];
        if (min > MaxRepeat || upper > MaxRepeat || (upper >= 0 && upper < min))
        {
            error = $"invalid repeat count `{text}`";
        }
        repeat = text;
        max = upper.Value;
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
        if (j == start)
        {
            return null;
        }
        if (j - start > 8)
        {
            // Still a repeat to Go, and one over the limit: `a{99999999999}` is an invalid repeat count, not a literal.
            return int.MaxValue;
        }
        return int.Parse(_p.AsSpan(start, j - start), CultureInfo.InvariantCulture);
    }
}
