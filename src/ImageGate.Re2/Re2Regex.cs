using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace ImageGate.Re2;

/// <summary>
/// A regular expression in Go RE2 syntax (what cosign, Fulcio identity flags and CUE's <c>=~</c> use), checked
/// against RE2's grammar and translated to an equivalent .NET pattern. Matching is unanchored and culture-invariant.
/// </summary>
/// <remarks>
/// <para>Two engines, chosen per pattern. A pattern with a nested repetition (a repeated group whose body repeats or
/// alternates: <c>(a+)+</c>, <c>(a?a?)+</c>, <c>(a|a){2,9}</c>), where a backtracking engine can take exponential
/// time, runs on the linear-time NonBacktracking engine. Every other pattern runs on the interpreter, bounded by the
/// match timeout: building the NonBacktracking automaton costs milliseconds per pattern in a fresh process (measured
/// with every pattern on it: the pmg-exporter verification from a layout went from 54 to 84 ms and from 2,213 to
/// 4,042 minor page faults, interleaved runs of the AOT binary), and an init container pays that on every pod start.
/// The interpreter is also the fallback when the translation needs a lookaround (RE2's ASCII <c>\b</c>/<c>\B</c>)
/// or the automaton would be too large.</para>
/// <para>NonBacktracking runs without a match timeout on purpose: on .NET 10, when its timeout check fires while the
/// lazy DFA is still being built, <c>IsMatch</c> can return <c>true</c> for a text that does not match (seen for
/// <c>^a+\z</c> against 100,000 <c>a</c>s and a <c>!</c> with a 1 ms timeout). A fail-open match is worse than a slow
/// one; that engine's cost is linear in the text (as RE2's, which cosign runs without any timeout), and callers bound
/// the text.</para>
/// </remarks>
public sealed class Re2Regex
{
    public const int MaxPatternLength = 8192;

    private const int MaxCached = 256;

    /// <summary>Compiled patterns by (pattern, timeout): a policy names the same regex for several requirements,
    /// and the policy reader validates each before it is used. Instances are immutable and thread-safe.</summary>
    private static readonly ConcurrentDictionary<(string, TimeSpan), Re2Regex> Cache = new();

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

    /// <summary>
    /// Validates and compiles <paramref name="pattern"/>. <paramref name="timeout"/> bounds each match on the
    /// interpreter; <paramref name="error"/> says why RE2 would refuse the pattern.
    /// </summary>
    public static bool TryCreate(
        string pattern, TimeSpan timeout, [NotNullWhen(true)] out Re2Regex? regex, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        regex = null;
        if (pattern.Length > MaxPatternLength)
        {
            error = $"regular expression is {pattern.Length} characters long; at most {MaxPatternLength} are allowed";
            return false;
        }
        var translator = new Re2Translator(pattern);
        if (!translator.TryTranslate(out var translated, out error))
        {
            error = $"invalid RE2 regular expression `{pattern}`: {error}";
            return false;
        }
        var key = (pattern, timeout);
        if (Cache.TryGetValue(key, out regex))
        {
            return true;
        }
        if (!TryBuild(pattern, translator, translated, timeout, out regex, out error))
        {
            return false;
        }
        // Bounded: a process that compiles more distinct patterns than this (only a test does) starts the cache
        // afresh rather than stop caching, so the patterns in use now are the ones kept.
        if (Cache.Count >= MaxCached)
        {
            Cache.Clear();
        }
        regex = Cache.GetOrAdd(key, regex);
        return true;
    }

    private static bool TryBuild(string pattern, Re2Translator translator, string translated, TimeSpan timeout,
        [NotNullWhen(true)] out Re2Regex? regex, [NotNullWhen(false)] out string? error)
    {
        regex = null;
        error = null;
        try
        {
            if (translator.HasNestedRepetition && !translator.NeedsBacktracking
                && TryLinear(translated) is { } linear)
            {
                regex = new Re2Regex(pattern, translated, linear);
                return true;
            }
            regex = new Re2Regex(pattern, translated, new Regex(translated, RegexOptions.CultureInvariant, timeout));
            return true;
        }
        catch (ArgumentException e)
        {
            error = $"invalid RE2 regular expression `{pattern}`: {e.Message}";
            return false;
        }
    }

    private static Regex? TryLinear(string translated)
    {
        try
        {
            return new Regex(translated, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout);
        }
        catch (NotSupportedException)
        {
            // The automaton would be too large for NonBacktracking; the timeout still bounds the interpreter.
            return null;
        }
    }

    /// <summary>
    /// Unanchored search, as Go's <c>regexp.MatchString</c>. <see cref="Re2MatchOutcome.TimedOut"/> only comes from the
    /// interpreter, whose timeout always throws; callers must treat it as a failure, never as a match.
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
