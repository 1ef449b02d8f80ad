namespace ImageGate.Re2.Unicode;

/// <summary>
/// A set of Unicode code points (0 to U+10FFFF) as sorted, disjoint, non-adjacent ranges. RE2 reasons about code
/// points; .NET's classes hold UTF-16 units, so every class is built here first and only then written for .NET.
/// </summary>
internal sealed class CodePointSet
{
    public const int MaxCodePoint = 0x10FFFF;

    private readonly List<(int Lo, int Hi)> _ranges = [];
    private bool _normal = true;

    public static CodePointSet Of(ReadOnlySpan<(int Lo, int Hi)> ranges)
    {
        var set = new CodePointSet();
        foreach (var (lo, hi) in ranges)
        {
            set.Add(lo, hi);
        }
        return set;
    }

    public IReadOnlyList<(int Lo, int Hi)> Ranges
    {
        get
        {
            Normalize();
            return _ranges;
        }
    }

    public bool IsEmpty => _ranges.Count == 0;

    public void Add(int lo, int hi)
    {
        if (lo < 0 || hi > MaxCodePoint || hi < lo)
        {
            throw new ArgumentOutOfRangeException(nameof(lo), $"not a code point range: {lo:X}-{hi:X}");
        }
        if (_normal && _ranges.Count > 0 && lo <= _ranges[^1].Hi + 1)
        {
            _normal = false;
        }
        _ranges.Add((lo, hi));
    }

    public void UnionWith(CodePointSet other)
    {
        foreach (var (lo, hi) in other.Ranges)
        {
            Add(lo, hi);
        }
    }

    public bool Contains(int codePoint)
    {
        Normalize();
        int lo = 0, hi = _ranges.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (codePoint < _ranges[mid].Lo)
            {
                hi = mid - 1;
            }
            else if (codePoint > _ranges[mid].Hi)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Every code point not in this set.</summary>
    public CodePointSet Complement()
    {
        var result = new CodePointSet();
        var next = 0;
        foreach (var (lo, hi) in Ranges)
        {
            if (lo > next)
            {
                result.Add(next, lo - 1);
            }
            next = hi + 1;
        }
        if (next <= MaxCodePoint)
        {
            result.Add(next, MaxCodePoint);
        }
        return result;
    }

    private void Normalize()
    {
        if (_normal)
        {
            return;
        }
        _ranges.Sort();
        var merged = 0;
        for (var k = 1; k < _ranges.Count; k++)
        {
            var (lo, hi) = _ranges[k];
            if (lo <= _ranges[merged].Hi + 1)
            {
                _ranges[merged] = (_ranges[merged].Lo, Math.Max(hi, _ranges[merged].Hi));
            }
            else
            {
                _ranges[++merged] = (lo, hi);
            }
        }
        _ranges.RemoveRange(merged + 1, _ranges.Count - merged - 1);
        _normal = true;
    }
}
