using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace ImageGate.Verification.Cue;

/// <summary>
/// Statement values no policy constraint reaches. Such a value would unify only with itself, so it is left as its
/// <see cref="JsonElement"/> instead of being expanded into vertices: evaluation costs what the policy constrains, not
/// what the statement holds (an SBOM checked against <c>predicateType</c> only is a few vertices, not a million).
/// What expanding would still have reported is checked here on the bytes; anything this walk cannot vouch for is
/// expanded as before, so the verdict is the same either way.
/// </summary>
internal static class PlainJson
{
    // Up to this many properties, duplicate names are found by comparing raw names pairwise, without allocating.
    private const int PairwiseLimit = 16;

    /// <summary>
    /// True when expanding <paramref name="element"/> alone could report nothing: no duplicate object key (the two
    /// values would have to unify), no number beyond the evaluator's range, no escaped text (decoded as expansion does).
    /// </summary>
    public static bool IsSelfConsistent(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                return ObjectIsSelfConsistent(element);
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (!IsSelfConsistent(item))
                    {
                        return false;
                    }
                }
                return true;
            case JsonValueKind.Number:
                // The same test as CueNumber.TryParse, on the UTF-8 text.
                return double.TryParse(JsonMarshal.GetRawUtf8Value(element), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                    && !double.IsInfinity(d);
            case JsonValueKind.String:
                // Escapes are decoded (and may be refused) only by GetString: leave those strings to expansion.
                return JsonMarshal.GetRawUtf8Value(element).IndexOf((byte)'\\') < 0;
            default:
                return true;
        }
    }

    private static bool ObjectIsSelfConsistent(JsonElement element)
    {
        var count = 0;
        foreach (var property in element.EnumerateObject())
        {
            // An escaped name may equal another spelled differently; expansion compares decoded names.
            if (JsonMarshal.GetRawUtf8PropertyName(property).IndexOf((byte)'\\') >= 0 || !IsSelfConsistent(property.Value))
            {
                return false;
            }
            count++;
        }
        return count <= PairwiseLimit ? NoDuplicatesPairwise(element) : NoDuplicatesHashed(element, count);
    }

    private static bool NoDuplicatesPairwise(JsonElement element)
    {
        var i = 0;
        foreach (var a in element.EnumerateObject())
        {
            var nameA = JsonMarshal.GetRawUtf8PropertyName(a);
            var j = 0;
            foreach (var b in element.EnumerateObject())
            {
                // Each earlier property once.
                if (j++ == i)
                {
                    break;
                }
                if (nameA.SequenceEqual(JsonMarshal.GetRawUtf8PropertyName(b)))
                {
                    return false;
                }
            }
            i++;
        }
        return true;
    }

    private static bool NoDuplicatesHashed(JsonElement element, int count)
    {
        var names = new HashSet<string>(count, StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!names.Add(property.Name))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Whether two elements are the same bytes of the same statement (so equal without looking inside).</summary>
    public static bool SameElement(JsonElement a, JsonElement b)
    {
        var x = JsonMarshal.GetRawUtf8Value(a);
        var y = JsonMarshal.GetRawUtf8Value(b);
        return x.Length == y.Length && System.Runtime.CompilerServices.Unsafe.AreSame(
            ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y));
    }
}
