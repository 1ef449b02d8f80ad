using ImageGate.Cli.Tests.Support;

namespace ImageGate.Cli.Tests;

/// <summary>The cases every way of publishing a pmg-shaped release must pass alike; each subclass names its source.</summary>
public abstract class ReleaseSourceTests
{
    protected abstract FixtureSource Source { get; }

    [Fact]
    public Task The_release_verifies_writes_the_marker_and_opens_the_gate() => Scenarios.HappyReleaseAsync(Source, "happy");

    [Theory]
    [MemberData(nameof(BrokenCases.Names), MemberType = typeof(BrokenCases))]
    public Task A_release_with_one_thing_wrong_is_rejected_without_marker(string name) => Scenarios.BrokenReleaseAsync(Source, name);
}
