namespace ImageGate.Sigstore.Tests.Conformance;

/// <summary>
/// The sigstore-conformance bundle-verify suite as a theory: every case in artifact and in digest form.
/// A "_fail" case must be rejected; every other case must verify.
/// </summary>
public sealed class ConformanceSuiteTests
{
    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var name in ConformanceCase.Names)
        {
            data.Add(name, false);
            data.Add(name, true);
        }
        return data;
    }

    [Fact]
    public void The_suite_has_all_seventy_cases() => Assert.Equal(70, ConformanceCase.Names.Count());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_gets_its_upstream_verdict(string name, bool digestForm)
    {
        var testCase = new ConformanceCase(name);
        var failure = testCase.Verify(digestForm);
        if (testCase.ShouldFail)
        {
            Assert.NotNull(failure);
        }
        else
        {
            Assert.Null(failure);
        }
    }
}
