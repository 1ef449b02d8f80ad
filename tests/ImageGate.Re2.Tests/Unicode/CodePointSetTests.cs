using System.Text;
using System.Text.RegularExpressions;
using ImageGate.Re2.Unicode;

namespace ImageGate.Re2.Tests.Unicode;

public sealed class CodePointSetTests
{
    [Fact]
    public void Ranges_are_merged_sorted_and_complemented_over_all_of_unicode()
    {
        var set = new CodePointSet();
        set.Add(0x61, 0x63);
        set.Add(0x30, 0x39);
        set.Add(0x64, 0x64);
        set.Add(0x1F600, 0x1F64F);
        Assert.Equal([(0x30, 0x39), (0x61, 0x64), (0x1F600, 0x1F64F)], set.Ranges);
        Assert.True(set.Contains(0x1F610));
        Assert.False(set.Contains(0x65));
        Assert.Equal([(0, 0x2F), (0x3A, 0x60), (0x65, 0x1F5FF), (0x1F650, CodePointSet.MaxCodePoint)], set.Complement().Ranges);
        Assert.Equal(set.Ranges, set.Complement().Complement().Ranges);
    }

    [Fact]
    public void A_range_outside_unicode_is_misuse() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CodePointSet().Add(0, 0x110000));

    public static TheoryData<int, int> Sets => new()
    {
        { 0x41, 0x41 },
        { 0xFFF0, 0x10010 },
        { 0x10000, 0x10FFFF },
        { 0x1F600, 0x1F64F },
        { 0xD7F0, 0xE010 },
        { 0x103FF, 0x10800 },
    };

    /// <summary>The .NET text for a set matches exactly its members, each as one whole character, and no lone surrogate.</summary>
    [Theory]
    [MemberData(nameof(Sets))]
    public void Written_for_dotnet_it_matches_exactly_its_members(int lo, int hi)
    {
        var set = new CodePointSet();
        set.Add(lo, hi);
        foreach (var s in new[] { set, set.Complement() })
        {
            var sb = new StringBuilder("^");
            Utf16Pattern.Append(sb, s);
            var regex = new Regex(sb.Append("\\z").ToString(), RegexOptions.CultureInvariant);
            foreach (var cp in new[] { 0, lo - 1, lo, lo + 1, (lo + hi) / 2, hi - 1, hi, hi + 1, 0xFFFF, 0x10000, 0x10FFFF })
            {
                if (cp is < 0 or > CodePointSet.MaxCodePoint || cp is >= 0xD800 and <= 0xDFFF)
                {
                    continue;
                }
                Assert.True(s.Contains(cp) == regex.IsMatch(char.ConvertFromUtf32(cp)), $"U+{cp:X4} against {regex}");
            }
            Assert.DoesNotMatch(regex, "\uD800");
            Assert.DoesNotMatch(regex, "\uDC00");
        }
    }

    [Fact]
    public void An_empty_set_matches_nothing()
    {
        var sb = new StringBuilder();
        Utf16Pattern.Append(sb, new CodePointSet());
        Assert.DoesNotMatch(new Regex(sb.ToString()), "a\n\U0001F600");
    }
}
