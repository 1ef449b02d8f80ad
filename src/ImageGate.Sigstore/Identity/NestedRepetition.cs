namespace ImageGate.Sigstore.Identity;

/// <summary>
/// Finds the patterns for which a backtracking engine can take exponential time: a repetition
/// (<c>*</c>, <c>+</c>, <c>{n,m}</c>) of a group that itself repeats or alternates, as in <c>(a+)+</c> or
/// <c>(a|a?)*</c>. Only those need the linear automaton, whose construction costs milliseconds per pattern
/// in a fresh process; every other pattern runs on the interpreter, bounded by the match timeout (and a timeout
/// is a failure, never a match).
/// </summary>
internal static class NestedRepetition
{
    public static bool IsPresent(string pattern)
    {
        // For each open group: does it contain a repetition or an alternation?
        var groups = new Stack<bool>();
        bool current = false;
        bool lastWasGroup = false;
        bool lastGroupRepeats = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            switch (c)
            {
                case '\\':
                    i++;
                    lastWasGroup = false;
                    break;
                case '[':
                    i = SkipClass(pattern, i);
                    lastWasGroup = false;
                    break;
                case '(':
                    groups.Push(current);
                    current = false;
                    lastWasGroup = false;
                    break;
                case ')':
                    lastGroupRepeats = current;
                    current = groups.Count > 0 ? groups.Pop() | current : current;
                    lastWasGroup = true;
                    break;
                case '|':
                    current = true;
                    lastWasGroup = false;
                    break;
                case '*' or '+' or '{':
                    if (lastWasGroup && lastGroupRepeats)
                    {
                        return true;
                    }
                    current = true;
                    lastWasGroup = false;
                    break;
                case '?':
                    // A lazy or optional marker: optional groups cannot blow up on their own.
                    break;
                default:
                    lastWasGroup = false;
                    break;
            }
        }
        return false;
    }

    private static int SkipClass(string pattern, int open)
    {
        int i = open + 1;
        if (i < pattern.Length && pattern[i] == '^')
        {
            i++;
        }
        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }
        for (; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\')
            {
                i++;
            }
            else if (pattern[i] == '[' && i + 1 < pattern.Length && pattern[i + 1] == ':')
            {
                int end = pattern.IndexOf(":]", i + 2, StringComparison.Ordinal);
                i = end < 0 ? i : end + 1;
            }
            else if (pattern[i] == ']')
            {
                return i;
            }
        }
        return pattern.Length;
    }
}
