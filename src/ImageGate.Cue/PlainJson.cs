using System.Text;
using System.Text.Json;

namespace ImageGate.Cue;

/// <summary>
/// Statement values no policy constraint reaches. Such a value would unify only with itself, so it is left as its
/// <see cref="RawJson"/> bytes instead of being expanded into vertices: evaluation costs what the policy constrains, not
/// what the statement holds (an SBOM checked against <c>predicateType</c> only is a few vertices, not a million).
/// What expanding would still have reported is checked here on the bytes; anything this walk cannot vouch for is
/// expanded as before, so the verdict is the same either way.
/// </summary>
internal static class PlainJson
{
    // Up to this many properties, duplicate names are found by comparing raw names pairwise, without allocating.
    private const int PairwiseLimit = 16;

    /// <summary>
    /// Reads the value the reader stands on to its end and tells whether expanding it alone could report nothing: no
    /// duplicate object key (the two values would have to unify), no number beyond the evaluator's range, no escaped
    /// text (decoded as expansion does). What it holds meanwhile is the names of the objects it is inside, no more.
    /// </summary>
    public static bool Scan(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        // The names seen in each open object, as (offset, length) into the bytes: no allocation per property, and
        // none at all for a scalar (most values the evaluator slices are).
        List<List<(int Start, int Length)>>? open = null;
        var depth = 0;
        var consistent = true;
        var level = reader.CurrentDepth;
        while (true)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    open ??= [];
                    if (open.Count == depth)
                    {
                        open.Add([]);
                    }
                    open[depth++].Clear();
                    break;
                case JsonTokenType.EndObject:
                    consistent = consistent && !HasDuplicate(utf8, open![--depth]);
                    break;
                case JsonTokenType.PropertyName:
                    // An escaped name may equal another spelled differently; expansion compares decoded names.
                    consistent &= !reader.ValueIsEscaped;
                    open![depth - 1].Add((checked((int)reader.TokenStartIndex) + 1, reader.ValueSpan.Length));
                    break;
                case JsonTokenType.String:
                    // Escapes are decoded (and may be refused) only by expansion: leave those strings to it.
                    consistent &= !reader.ValueIsEscaped;
                    break;
                case JsonTokenType.Number:
                    // The test CueNumber.TryParse makes, on the UTF-8 text and without allocating.
                    consistent = consistent && CueDecimal.IsValid(reader.ValueSpan);
                    break;
            }
            // Done at a scalar, or at the end token that closes the value (both at the value's own depth).
            if ((reader.CurrentDepth == level && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) || !reader.Read())
            {
                return consistent;
            }
        }
    }

    /// <summary>Whether two of the names (offsets into <paramref name="utf8"/>) are the same bytes.</summary>
    internal static bool HasDuplicate(ReadOnlySpan<byte> utf8, List<(int Start, int Length)> names)
    {
        if (names.Count <= PairwiseLimit)
        {
            for (var i = 1; i < names.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (utf8.Slice(names[i].Start, names[i].Length).SequenceEqual(utf8.Slice(names[j].Start, names[j].Length)))
                    {
                        return true;
                    }
                }
            }
            return false;
        }
        var seen = new HashSet<string>(names.Count, StringComparer.Ordinal);
        foreach (var (start, length) in names)
        {
            if (!seen.Add(Encoding.UTF8.GetString(utf8.Slice(start, length))))
            {
                return true;
            }
        }
        return false;
    }
}
