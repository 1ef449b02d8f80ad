using ImageGate.Re2;

namespace ImageGate.Re2.Tests;

/// <summary>RE2 syntax as Go's regexp reads it, run by .NET: accepted, refused, and matched as RE2 would.</summary>
public sealed class Re2RegexTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    private static Re2Regex Compile(string pattern)
    {
        Assert.True(Re2Regex.TryCreate(pattern, Timeout, out var regex, out var error), error);
        return regex;
    }

    public static TheoryData<string, string, bool> Matches => new()
    {
        // cosign identity regexps (unanchored unless the pattern anchors itself)
        { "^https://github.com/natrontech/pmg-exporter/.github/workflows/release.yml@refs/tags/v[0-9]+.[0-9]+.[0-9]+(-rc.[0-9]+)?$", "https://github.com/natrontech/pmg-exporter/.github/workflows/release.yml@refs/tags/v0.2.2", true },
        { "^https://github.com/natrontech/pmg-exporter/.github/workflows/release.yml@refs/tags/v[0-9]+.[0-9]+.[0-9]+(-rc.[0-9]+)?$", "https://github.com/natrontech/pmg-exporter/.github/workflows/release.yml@refs/tags/v0.2.2-rc.1", true },
        { "^https://github.com/natrontech/pmg-exporter/.github/workflows/release.yml@refs/tags/v[0-9]+.[0-9]+.[0-9]+(-rc.[0-9]+)?$", "https://github.com/natrontech/pmg-exporter/.github/workflows/release.yml@refs/heads/main", false },
        { "natrontech", "https://github.com/natrontech/x", true },
        { "^(?:ab)+$", "abab", true },
        { "^(?:ab)+$", "aba", false },
        { "^a(?)b$", "ab", true },
        // A '-' that cannot end a range is a literal (Go's Perl mode).
        { "^[a-c-e]$", "-", true },
        { "^[a-c-e]$", "d", false },
        { "^natrontech", "https://github.com/natrontech/x", false },
        // $ without (?m) is the end of the text, not before a final newline (.NET's default)
        { "^v1$", "v1", true },
        { "^v1$", "v1\n", false },
        { "(?m)^v1$", "x\nv1\ny", true },
        { @"\Av1\z", "v1", true },
        { @"\Av1\z", "v1\n", false },
        // ASCII-only Perl classes
        { @"^\d+$", "0123456789", true },
        { @"^\d+$", "١٢٣", false },
        { @"^\w+$", "abc_XYZ_09", true },
        { @"^\w+$", "é", false },
        { @"^\s$", "\u00a0", false },
        { @"^\s$", "\t", true },
        { @"^\S$", "\u00a0", true },
        { @"^\D$", "x", true },
        { @"^\W$", "é", true },
        { @"\bfoo\b", "a foo b", true },
        { @"\bfoo\b", "afoo", false },
        { @"\bfoo", "éfoo", true },
        { @"\Bfoo", "afoo", true },
        // POSIX classes
        { "^[[:alpha:]]+$", "abcXYZ", true },
        { "^[[:alpha:]]+$", "abc1", false },
        { "^[[:^digit:]]+$", "abc", true },
        { "^[[:^digit:]]+$", "ab1", false },
        { "^[[:xdigit:]]{4}$", "0aF9", true },
        { "^[[:punct:]]$", "!", true },
        { "^[[:space:][:digit:]]+$", " 1 2", true },
        // Go named groups and flags
        { "^(?P<major>[0-9]+)\\.(?P<minor>[0-9]+)$", "1.22", true },
        { "^(?<major>[0-9]+)$", "12", true },
        { "^(?P<1>a)$", "a", true },
        { "(?i)^SHA256:", "sha256:ab", true },
        { "(?i:A)b", "aB", false },
        { "(?s)^a.b$", "a\nb", true },
        { "^a.b$", "a\nb", false },
        { "(?i-s)a.b", "A\nB", false },
        // \Q...\E and escapes
        { @"^\Qa.b*c\E$", "a.b*c", true },
        { @"^\Qa.b\E$", "axb", false },
        { @"^\Qab\E+$", "abbb", true },
        { @"^\x41\x{42}\101$", "ABA", true },
        { @"^\x{1F600}$", "😀", true },
        { @"^\pL+$", "héllo", true },
        { @"^\p{Lu}$", "É", true },
        { @"^\PL$", "1", true },
        { @"^\p{^L}$", "1", true },
        { @"^[\p{Nd}x]+$", "x٣", true },
        { @"^\t\n$", "\t\n", true },
        { @"^\.\*\+\?\(\)\[\]\{\}\|\^\$\\$", ".*+?()[]{}|^$\\", true },
        // braces that are not a repeat are literals, as in RE2
        { "^a{,3}$", "a{,3}", true },
        { "^a{x}$", "a{x}", true },
        { "^a{2,3}$", "aaa", true },
        { "^a{2,3}$", "aaaa", false },
        { "^a{2,}$", "aaaaa", true },
        { "^a{2}?$", "aa", true },
        // classes
        { "^[]a]+$", "]a", true },
        { "^[^]a]+$", "bc", true },
        { "^[a-]+$", "a-", true },
        { "^[-a]+$", "-a", true },
        { "^[a[]+$", "a[", true },
        { @"^[\d\-x]+$", "1-x", true },
        { @"^[^\d]+$", "abc", true },
        { @"^[\D]+$", "abc", true },
        { @"^[\D]+$", "ab1", false },
        // code points beyond U+FFFF are one character, as in RE2 (UTF-8), not two UTF-16 units
        { "^[😀-😂]$", "😁", true },
        { "^[😀-😂]$", "😃", false },
        { "^[a😀]+$", "a😀a", true },
        { @"^[\x{FFF0}-\x{10FFFF}]$", "\U0010FFFF", true },
        { @"^[\x{FFF0}-\x{10FFFF}]$", "\U00010000", true },
        { @"^[\x{10000}-\x{10400}]$", "\U00010401", false },
        { @"^[\x{FFF0}-\x{10FFFF}]$", "\uFFF5", true },
        { @"^[\x{FFF0}-\x{10FFFF}]$", "\uFFEF", false },
        { "^.$", "😀", true },
        { "^..$", "😀", false },
        { "^[^a]$", "😀", true },
        { "^\\D$", "😀", true },
        { "^[\\D]$", "😀", true },
        { "^[^\\D]$", "😀", false },
        { "^[^\\D]$", "7", true },
        { "^\\PL$", "😀", true },
        // an astral letter is a letter: \PL must not admit it (a .NET \P{L} sees two non-letter units)
        { "^\\PL$", "\U0001D400", false },
        { "^\\pL$", "\U0001D400", true },
        { "^[^😀]$", "😁", true },
        { "^[^😀]$", "😀", false },
        // (?i) folds with Go's orbits: U+017F LONG S is an s, so a negated class must refuse it
        { "(?i)^[^s]$", "\u017F", false },
        { "^[^a][^a]$", "😀", false },
        { "^[\\D][\\D]$", "😀", false },
        { "^\\D\\D$", "😀", false },
        { "(?s)^.$", "\n", true },
        { "^.$", "\n", false },
        { "(?s:.)(?-s:.)", "\n\n", false },
        { "^[\\p{Any}]$", "😀", true },
        { "^😀+$", "😀😀", true },
        { "x*", "", true },
        { "a|", "", true },
        { "^(a|b)*c$", "ababc", true },
        { "^a*?b$", "aab", true },
    };

    [Theory]
    [MemberData(nameof(Matches))]
    public void Matches_as_re2(string pattern, string input, bool expected) =>
        Assert.Equal(expected ? Re2MatchOutcome.Match : Re2MatchOutcome.NoMatch, Compile(pattern).Match(input));

    public static TheoryData<string, string> Refused => new()
    {
        { @"(a)\1", "backreference" },
        { @"(a)\7", "backreference" },
        { @"\8", "backreference" },
        { @"(?P<n>a)(?P=n)", "named backreference" },
        { @"(?<n>a)\k<n>", "named backreference" },
        { "(?=a)", "lookahead" },
        { "(?!a)", "lookahead" },
        { "(?<=a)b", "lookbehind" },
        { "(?<!a)b", "lookbehind" },
        { "(?>a)", "atomic group" },
        { "a*+", "possessive" },
        { "a++", "possessive" },
        { "a?+", "possessive" },
        { "a{2}+", "possessive" },
        { "(?(1)a|b)", "conditional" },
        { "(?#comment)", "comment group" },
        { "(?U)a*", "ungreedy" },
        { "(?x)a", "unknown group construct" },
        { "(?'n'a)", "unknown group construct" },
        { "(?|a)", "unknown group construct" },
        { "(?R)", "unknown group construct" },
        { "(?i-)", "missing or invalid flags" },
        { "(?-:a)", "missing or invalid flags" },
        { @"\Z", "not RE2 syntax" },
        { @"\C", "any byte" },
        { @"\e", "invalid escape" },
        { @"\G", "invalid escape" },
        { @"\K", "invalid escape" },
        { @"\R", "invalid escape" },
        { @"\h", "invalid escape" },
        { @"\X", "invalid escape" },
        { @"\p{Greek}", "not supported" },
        { "a**", "invalid nested repetition" },
        { "a*{2}", "invalid nested repetition" },
        { "*a", "missing argument" },
        { "(*a)", "missing argument" },
        { "a|*", "missing argument" },
        { "a{1001}", "invalid repeat count" },
        { "a{3,2}", "invalid repeat count" },
        { "(a", "missing closing )" },
        { "a)", "unexpected )" },
        { "[a", "missing closing ]" },
        { "[z-a]", "invalid character class range" },
        { "a{99999999999}", "invalid repeat count" },
        { @"[a-\d]", "invalid character class range" },
        { "[[:foo:]]", "invalid character class range" },
        { @"[\b]", "not allowed inside a character class" },
        { "(?P<a>x)(?P<a>y)", "duplicate capture group name" },
        { "(?P<a-b>x)", "invalid named capture" },
        { @"a\", "trailing backslash" },
        { @"\x{110000}", "invalid escape" },
        { @"\xZ1", "invalid escape" },
        { "a\uD800b", "lone surrogate" },
        { "[\uDC00]", "lone surrogate" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refuses_what_re2_lacks_with_a_clear_error(string pattern, string fragment)
    {
        Assert.False(Re2Regex.TryCreate(pattern, Timeout, out _, out var error));
        Assert.Contains(fragment, error, StringComparison.Ordinal);
        Assert.Contains(pattern, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlong_pattern_is_refused() =>
        Assert.False(Re2Regex.TryCreate(new string('a', Re2Regex.MaxPatternLength + 1), Timeout, out _, out _));

    [Theory]
    [InlineData("^(a+)+$")]
    [InlineData("^(a|aa)*$")]
    [InlineData("^(a*)*b$")]
    [InlineData("^(.*a){20}$")]
    [InlineData("^(a?a?)+$")]
    [InlineData("^(a?){2,40}a{40}$")]
    [InlineData("^(a{1,2})+$")]
    [InlineData("^(?:a|a)*$")]
    [InlineData("^(?i:a|a)+$")]
    [InlineData("^((a|a))+$")]
    [InlineData("^(x(a|a)y?|z)*$")]
    public void Catastrophic_patterns_run_in_linear_time(string pattern)
    {
        // Time is not asserted (shared machines): the linear engine has no timeout left to hit, so the answer is exact.
        var regex = Compile(pattern);
        Assert.True(regex.IsNonBacktracking);
        Assert.Equal(Re2MatchOutcome.NoMatch, regex.Match(new string('a', 50_000) + "!"));
    }

    // .NET 10's NonBacktracking answered "match" when its timeout check fired mid-search (about one cold instance in
    // ten here, with a 1 ms timeout): the linear engine must ignore the timeout, whatever it is.
    [Theory]
    [InlineData("^(a+)+$", 30_000)]
    [InlineData("^(a|a?)+$", 100_000)]
    public void Linear_engine_never_reports_a_match_it_did_not_find_under_a_tiny_timeout(string pattern, int length)
    {
        var text = new string('a', length) + "!";
        for (var i = 0; i < 50; i++)
        {
            Assert.True(Re2Regex.TryCreate(pattern, TimeSpan.FromTicks(1), out var regex, out _));
            Assert.True(regex.IsNonBacktracking);
            Assert.Equal(Re2MatchOutcome.NoMatch, regex.Match(text));
        }
    }

    [Theory]
    [InlineData("^https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v[0-9]+.[0-9]+.[0-9]+(-rc.[0-9]+)?$")]
    [InlineData("^a+b*$")]
    [InlineData("^(ab)+$")]
    [InlineData("^(a+)?$")]
    [InlineData("^(a|b){1}$")]
    [InlineData("^(a{)+$")]
    [InlineData("^([a-z]+)(c|d)$")]
    [InlineData(@"^(\(a\))+$")]
    public void Patterns_without_nested_repetition_use_the_interpreter_and_stay_exact(string pattern)
    {
        // Such patterns cannot blow up exponentially; the interpreter costs far less to build in a fresh process.
        var regex = Compile(pattern);
        Assert.False(regex.IsNonBacktracking);
        Assert.Equal(Re2MatchOutcome.NoMatch, regex.Match("https://evil.example/"));
    }

    [Fact]
    public void Word_boundary_needs_backtracking_and_is_time_bounded()
    {
        Assert.True(Re2Regex.TryCreate(@"^(\b\w+\b\s?)+$", TimeSpan.FromMilliseconds(50), out var regex, out _));
        Assert.False(regex.IsNonBacktracking);
        var outcome = regex.Match(string.Join(" ", Enumerable.Repeat("word", 5000)) + " !");
        Assert.NotEqual(Re2MatchOutcome.Match, outcome);
    }

    [Fact]
    public void Translation_is_visible_for_diagnostics()
    {
        var regex = Compile("(?P<v>x)$");
        Assert.Equal(@"(?<n_v>x)\z", regex.Translated);
        Assert.Equal("(?P<v>x)$", regex.Pattern);
    }
}
