using System.Globalization;
using ImageGate.Re2.Unicode;

namespace ImageGate.Re2.Tests.Unicode;

public sealed class UnicodeTablesTests
{
    /// <summary>The category scan skips planes 4 to 13; this fails the day .NET's tables assign anything there.</summary>
    [Fact]
    public void Planes_4_to_13_hold_no_assigned_code_point()
    {
        for (var cp = UnicodeCategories.UnassignedFrom; cp <= UnicodeCategories.UnassignedTo; cp++)
        {
            Assert.True(CharUnicodeInfo.GetUnicodeCategory(cp) == UnicodeCategory.OtherNotAssigned, $"U+{cp:X} is assigned");
        }
    }

    [Fact]
    public void Categories_reach_beyond_the_basic_plane_and_leave_unassigned_code_points_out_of_C()
    {
        Assert.True(UnicodeCategories.Get("Lu").Contains(0x1D400));
        Assert.False(UnicodeCategories.Get("L").Contains(0x1F600));
        Assert.True(UnicodeCategories.Get("So").Contains(0x1F600));
        Assert.True(UnicodeCategories.Get("Co").Contains(0xF0000));
        Assert.False(UnicodeCategories.Get("C").Contains(0x40000));
        Assert.False(UnicodeCategories.Get("C").Contains(0x0378));
    }

    [Theory]
    [InlineData(0x6B, new[] { 0x4B, 0x6B, 0x212A })]
    [InlineData(0x17F, new[] { 0x53, 0x73, 0x17F })]
    [InlineData(0x3B8, new[] { 0x398, 0x3B8, 0x3D1, 0x3F4 })]
    [InlineData(0x10400, new[] { 0x10400, 0x10428 })]
    [InlineData(0x130, new[] { 0x130 })]
    [InlineData(0x31, new[] { 0x31 })]
    public void A_code_point_folds_to_its_whole_go_orbit(int codePoint, int[] orbit)
    {
        var set = new CodePointSet();
        set.Add(codePoint, codePoint);
        var closed = CaseOrbits.Close(set);
        Assert.Equal(orbit, Enumerable.Range(0, CodePointSet.MaxCodePoint + 1).Where(closed.Contains).Take(8));
    }
}
