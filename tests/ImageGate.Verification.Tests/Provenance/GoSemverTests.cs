using ImageGate.Verification.Provenance;

namespace ImageGate.Verification.Tests.Provenance;

/// <summary>Semantic versions as Go's x/mod/semver reads them (docs/provenance.md §4), which the tag rules depend on.</summary>
public sealed class GoSemverTests
{
    [Theory]
    [InlineData("v1", "v1.0.0")]
    [InlineData("v14.2", "v14.2.0")]
    [InlineData("v1.2.3", "v1.2.3")]
    [InlineData("v1.2.3-alpha.1", "v1.2.3-alpha.1")]
    [InlineData("v1.2.3+build.5", "v1.2.3")]
    [InlineData("v1.2.3-rc.1+build", "v1.2.3-rc.1")]
    [InlineData("v0.0.0", "v0.0.0")]
    public void Valid_versions_have_their_canonical_form(string version, string canonical)
    {
        Assert.True(GoSemver.IsValid(version));
        Assert.Equal(canonical, GoSemver.Canonical(version));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("v")]
    [InlineData("v01")]
    [InlineData("v1.02")]
    [InlineData("v1.2-rc1")]
    [InlineData("v1+build")]
    [InlineData("v1.2.3-")]
    [InlineData("v1.2.3-01")]
    [InlineData("v1.2.3+")]
    [InlineData("v1.2.3.4")]
    [InlineData("V1.2.3")]
    [InlineData("v1.2.3-a..b")]
    public void Invalid_versions_are_refused(string version)
    {
        Assert.False(GoSemver.IsValid(version));
        Assert.Equal(string.Empty, GoSemver.Canonical(version));
    }

    [Fact]
    public void Parts_are_read_like_go()
    {
        Assert.Equal("v14", GoSemver.Major("v14.2"));
        Assert.Equal("-rc.1", GoSemver.Prerelease("v2.1.0-rc.1"));
        Assert.Equal("+meta", GoSemver.Build("v2.1.0+meta"));
        Assert.Equal(string.Empty, GoSemver.Prerelease("v2.1"));
    }
}
