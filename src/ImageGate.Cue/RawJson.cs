using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace ImageGate.Cue;

/// <summary>
/// One value of the statement as its UTF-8 bytes, read one level at a time when the evaluator expands it. No DOM is
/// built: a statement's memory cost is its bytes, however large the predicate (a 15 MB SBOM has ~10 MB of
/// JsonDocument metadata). The pass that finds a value also finds whether it is self-consistent (<see cref="PlainJson"/>),
/// so a value no policy constraint reaches is read exactly once, by <see cref="Parse"/>, and never materialised.
/// </summary>
internal sealed class RawJson
{
    // Every slice comes from a document already read whole against the policy's depth limit (Parse), so the readers
    // below need no tighter bound of their own; this only keeps them from refusing a value that Parse accepted.
    private static readonly JsonReaderOptions Nested = new() { MaxDepth = 4096 };

    private List<(string Name, RawJson Value)>? _properties;

    private RawJson(ReadOnlyMemory<byte> utf8, bool isSelfConsistent, List<(string, RawJson)>? properties = null)
    {
        Utf8 = utf8;
        IsSelfConsistent = isSelfConsistent;
        _properties = properties;
    }

    /// <summary>The value's bytes: from its first byte to its last, no surrounding whitespace.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary>Expanding this value alone could report nothing (see <see cref="PlainJson"/>).</summary>
    public bool IsSelfConsistent { get; }

    public JsonValueKind Kind => Utf8.Span[0] switch
    {
        (byte)'{' => JsonValueKind.Object,
        (byte)'[' => JsonValueKind.Array,
        (byte)'"' => JsonValueKind.String,
        (byte)'t' => JsonValueKind.True,
        (byte)'f' => JsonValueKind.False,
        (byte)'n' => JsonValueKind.Null,
        _ => JsonValueKind.Number,
    };

    /// <summary>
    /// Reads the whole document once (syntax, a single value, depth), keeping the top-level members of an object;
    /// throws <see cref="JsonException"/> when it is not JSON.
    /// </summary>
    public static RawJson Parse(ReadOnlyMemory<byte> utf8, int maxDepth)
    {
        var reader = new Utf8JsonReader(utf8.Span, new JsonReaderOptions { MaxDepth = maxDepth });
        if (!reader.Read())
        {
            throw new JsonException("The input does not contain any JSON tokens.");
        }
        RawJson value;
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            int start = checked((int)reader.TokenStartIndex);
            var members = ReadMembers(ref reader, utf8, out bool consistent);
            value = new RawJson(utf8[start..checked((int)reader.BytesConsumed)], consistent, members);
        }
        else
        {
            value = Slice(ref reader, utf8);
        }
        // A second value or trailing garbage is an error the reader raises itself.
        while (reader.Read())
        {
        }
        return value;
    }

    /// <summary>An object's members in document order (duplicates kept), names unescaped.</summary>
    public List<(string Name, RawJson Value)> Properties()
    {
        if (_properties is null)
        {
            var reader = new Utf8JsonReader(Utf8.Span, Nested);
            reader.Read();
            _properties = ReadMembers(ref reader, Utf8, out _);
        }
        return _properties;
    }

    /// <summary>An array's elements in order.</summary>
    public List<RawJson> Items()
    {
        var items = new List<RawJson>();
        var reader = new Utf8JsonReader(Utf8.Span, Nested);
        reader.Read();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(Slice(ref reader, Utf8));
        }
        return items;
    }

    /// <summary>A string's unescaped text; an escape that is not valid UTF-16 throws <see cref="InvalidOperationException"/>.</summary>
    public string GetString()
    {
        var reader = new Utf8JsonReader(Utf8.Span, Nested);
        reader.Read();
        return reader.GetString()!;
    }

    /// <summary>The value as written (a number's exact spelling).</summary>
    public string RawText => Encoding.UTF8.GetString(Utf8.Span);

    /// <summary>Whether both are the same bytes of the same statement (so equal without looking inside).</summary>
    public static bool SameBytes(RawJson a, RawJson b) => a.Utf8.Length == b.Utf8.Length
        && Unsafe.AreSame(ref MemoryMarshal.GetReference(a.Utf8.Span), ref MemoryMarshal.GetReference(b.Utf8.Span));

    /// <summary>The members of the object the reader stands on, leaving it on the object's end.</summary>
    private static List<(string, RawJson)> ReadMembers(ref Utf8JsonReader reader, ReadOnlyMemory<byte> source, out bool consistent)
    {
        var members = new List<(string, RawJson)>();
        var names = new List<(int Start, int Length)>();
        consistent = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            consistent &= !reader.ValueIsEscaped;
            names.Add((checked((int)reader.TokenStartIndex) + 1, reader.ValueSpan.Length));
            var name = reader.GetString()!;
            reader.Read();
            var value = Slice(ref reader, source);
            consistent &= value.IsSelfConsistent;
            members.Add((name, value));
        }
        consistent = consistent && !PlainJson.HasDuplicate(source.Span, names);
        return members;
    }

    /// <summary>The value the reader stands on, read to its end.</summary>
    private static RawJson Slice(ref Utf8JsonReader reader, ReadOnlyMemory<byte> source)
    {
        int start = checked((int)reader.TokenStartIndex);
        bool consistent = PlainJson.Scan(ref reader, source.Span);
        return new RawJson(source[start..checked((int)reader.BytesConsumed)], consistent);
    }
}
