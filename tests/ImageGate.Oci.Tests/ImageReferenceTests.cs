namespace ImageGate.Oci.Tests;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("alpine", "docker.io", "library/alpine", null, "latest")]
    [InlineData("alpine:3.20", "docker.io", "library/alpine", "3.20", "3.20")]
    [InlineData("index.docker.io/library/alpine", "docker.io", "library/alpine", null, "latest")]
    [InlineData("user/app:v1", "docker.io", "user/app", "v1", "v1")]
    [InlineData("ghcr.io/natrontech/pmg-exporter:v0.2.2", "ghcr.io", "natrontech/pmg-exporter", "v0.2.2", "v0.2.2")]
    [InlineData("localhost/app", "localhost", "app", null, "latest")]
    [InlineData("localhost:5000/a/b/c:tag", "localhost:5000", "a/b/c", "tag", "tag")]
    [InlineData("localhost:65535/a", "localhost:65535", "a", null, "latest")]
    [InlineData("127.0.0.1:41000/x__y/z-q.r:1", "127.0.0.1:41000", "x__y/z-q.r", "1", "1")]
    [InlineData("[::1]:5000/app", "[::1]:5000", "app", null, "latest")]
    [InlineData("Registry.Example/app", "Registry.Example", "app", null, "latest")]
    [InlineData("UPPER/app", "UPPER", "app", null, "latest")]
    public void Parses_like_docker(string input, string registry, string repository, string? tag, string manifestReference)
    {
        var r = ImageReference.Parse(input);
        Assert.Equal(registry, r.Registry);
        Assert.Equal(repository, r.Repository);
        Assert.Equal(tag, r.Tag);
        Assert.Equal(manifestReference, r.ManifestReference);
    }

    [Fact]
    public void Tag_and_digest_keep_both_and_fetch_by_digest()
    {
        var digest = "sha256:" + new string('a', 64);
        var r = ImageReference.Parse($"ghcr.io/o/i:v1@{digest}");
        Assert.Equal("v1", r.Tag);
        Assert.Equal(digest, r.ManifestReference);
        Assert.Equal($"ghcr.io/o/i:v1@{digest}", r.ToString());
    }

    [Fact]
    public void Docker_hub_is_served_from_its_api_host() =>
        Assert.Equal("registry-1.docker.io", ImageReference.Parse("busybox").ApiHost);

    [Theory]
    [InlineData("")]
    [InlineData("ghcr.io/Org/app")]
    [InlineData("app:")]
    [InlineData("app@sha256:abc")]
    [InlineData("app@md5:0123456789abcdef0123456789abcdef")]
    [InlineData("ghcr.io/o/i@sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("127.0.0.1:99999/app")]
    [InlineData("localhost:0/app")]
    [InlineData("localhost:65536/app")]
    [InlineData("localhost:000000080/app")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("a//b")]
    [InlineData("-a/b")]
    [InlineData("app:-tag")]
    public void Rejects_what_docker_rejects(string input)
    {
        Assert.False(ImageReference.TryParse(input, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
        var e = Assert.Throws<OciSourceException>(() => ImageReference.Parse(input));
        Assert.Equal(SourceReason.BadInput, e.Reason);
    }
}
