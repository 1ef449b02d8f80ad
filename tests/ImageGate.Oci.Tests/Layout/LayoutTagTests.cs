using ImageGate.Oci.Layout;
using ImageGate.Oci.Tests.Support;
using ImageGate.Testing.Oci;

namespace ImageGate.Oci.Tests.Layout;

/// <summary>
/// How a tag finds its image in a layout (image-spec image-layout.md): only through index.json entries whose
/// <c>org.opencontainers.image.ref.name</c> (a tag, or a full reference as crane writes it) or
/// <c>io.containerd.image.name</c> (docker save, ctr export) names it; the repository too, when both the
/// reference and the layout name one. Never "any tag means the one image".
/// </summary>
public sealed class LayoutTagTests : IDisposable
{
    private const string PmgImage = "ghcr.io/natrontech/pmg-exporter";
    private readonly string directory = Directory.CreateTempSubdirectory("imagegate-layout-tags-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("v0.2.2")]
    [InlineData("ghcr.io/natrontech/pmg-exporter:v0.2.2")]
    [InlineData("latest")]
    public async Task A_cosign_save_layout_names_no_tag_so_no_tag_resolves(string reference)
    {
        var layout = OciImageLayout.Open(LayoutTests.CosignSaveLayout);
        var e = await Assert.ThrowsAsync<OciSourceException>(() => layout.GetManifestAsync(reference, Ct));
        Assert.Equal(SourceReason.UnknownTag, e.Reason);
        Assert.Contains("names no tags", e.Message, StringComparison.Ordinal);
        Assert.Contains("digest", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cosign_save_layout_still_resolves_its_image_by_digest()
    {
        var expected = File.ReadAllText(Path.Combine(Path.GetDirectoryName(LayoutTests.CosignSaveLayout)!, "container_workflow_dispatch.digest")).Trim();
        var layout = OciImageLayout.Open(LayoutTests.CosignSaveLayout);
        Assert.Equal(expected, (await layout.GetManifestAsync(expected, Ct)).Digest.ToString());
        Assert.Equal(expected, (await layout.GetManifestAsync($"{PmgImage}@{expected}", Ct)).Digest.ToString());
    }

    [Fact]
    public async Task A_bare_ref_name_tag_resolves_by_itself_and_under_any_repository()
    {
        var fixture = PmgFixture.Create();
        fixture.WriteLayout(directory);
        var layout = OciImageLayout.Open(directory);
        // The layout records no repository, so a reference's repository cannot be checked: the tag decides.
        Assert.Equal(fixture.IndexDigest, (await layout.GetManifestAsync("v0.2.2", Ct)).Digest);
        Assert.Equal(fixture.IndexDigest, (await layout.GetManifestAsync($"{PmgImage}:v0.2.2", Ct)).Digest);
    }

    [Fact]
    public async Task A_tag_no_entry_carries_is_an_unknown_tag_listing_the_tags_there_are()
    {
        var fixture = PmgFixture.Create();
        fixture.WriteLayout(directory);
        var layout = OciImageLayout.Open(directory);
        var e = await Assert.ThrowsAsync<OciSourceException>(() => layout.GetManifestAsync($"{PmgImage}:v9.9.9", Ct));
        Assert.Equal(SourceReason.UnknownTag, e.Reason);
        Assert.Contains("'v9.9.9'", e.Message, StringComparison.Ordinal);
        Assert.Contains("v0.2.2", e.Message, StringComparison.Ordinal);
        // A reference without a tag means 'latest', as for a registry; no entry carries it here.
        var latest = await Assert.ThrowsAsync<OciSourceException>(() => layout.GetManifestAsync(PmgImage, Ct));
        Assert.Equal(SourceReason.UnknownTag, latest.Reason);
    }

    [Theory]
    [InlineData("io.containerd.image.name", "ghcr.io/natrontech/pmg-exporter:v0.2.2", "v0.2.2")]
    [InlineData("org.opencontainers.image.ref.name", "ghcr.io/natrontech/pmg-exporter:v0.2.2", null)]
    public async Task A_full_image_name_in_the_layout_must_match_the_references_repository(string key, string name, string? bareRefName)
    {
        var fixture = PmgFixture.Create();
        WriteIndex(fixture, tag => tag == fixture.Tag
            ? Annotations((key, name), bareRefName is null ? default : ("org.opencontainers.image.ref.name", bareRefName))
            : Annotations(("org.opencontainers.image.ref.name", tag)));
        var layout = OciImageLayout.Open(directory);

        Assert.Equal(fixture.IndexDigest, (await layout.GetManifestAsync($"{PmgImage}:v0.2.2", Ct)).Digest);
        Assert.Equal(fixture.IndexDigest, (await layout.GetManifestAsync("v0.2.2", Ct)).Digest);

        var other = await Assert.ThrowsAsync<OciSourceException>(() => layout.GetManifestAsync("ghcr.io/slsa-framework/example-package:v0.2.2", Ct));
        Assert.Equal(SourceReason.UnknownTag, other.Reason);
        Assert.Contains("ghcr.io/slsa-framework/example-package", other.Message, StringComparison.Ordinal);
        Assert.Contains(name, other.Message, StringComparison.Ordinal);

        // docker.io normalisation applies to both sides: 'pmg-exporter' is docker.io/library/pmg-exporter.
        var dockerHub = await Assert.ThrowsAsync<OciSourceException>(() => layout.GetManifestAsync("pmg-exporter:v0.2.2", Ct));
        Assert.Equal(SourceReason.UnknownTag, dockerHub.Reason);
    }

    [Fact]
    public async Task A_full_name_with_another_tag_does_not_answer_for_this_tag()
    {
        var fixture = PmgFixture.Create();
        WriteIndex(fixture, tag => tag == fixture.Tag
            ? Annotations(("org.opencontainers.image.ref.name", $"{PmgImage}:v0.2.1"))
            : Annotations(("org.opencontainers.image.ref.name", tag)));
        var layout = OciImageLayout.Open(directory);
        var e = await Assert.ThrowsAsync<OciSourceException>(() => layout.GetManifestAsync($"{PmgImage}:v0.2.2", Ct));
        Assert.Equal(SourceReason.UnknownTag, e.Reason);
        Assert.Contains($"{PmgImage}:v0.2.1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_tag_on_two_different_images_without_a_repository_to_tell_them_apart_is_ambiguous()
    {
        var fixture = PmgFixture.Create();
        // Another image under the same tag in another repository: here the amd64 manifest, so its digest differs.
        var other = fixture.Manifests.First(m => m.Tag is null && m.MediaType == MediaTypes.OciManifest);
        WriteIndex(fixture, tag => tag == fixture.Tag
            ? Annotations(("io.containerd.image.name", $"{PmgImage}:v0.2.2"), ("org.opencontainers.image.ref.name", "v0.2.2"))
            : Annotations(("org.opencontainers.image.ref.name", tag)),
            Entry(other.MediaType, other.Bytes, Annotations(("io.containerd.image.name", "ghcr.io/slsa-framework/example-package:v0.2.2"), ("org.opencontainers.image.ref.name", "v0.2.2"))));
        var layout = OciImageLayout.Open(directory);
        Assert.Equal(fixture.IndexDigest, (await layout.GetManifestAsync($"{PmgImage}:v0.2.2", Ct)).Digest);
        var e = await Assert.ThrowsAsync<OciSourceException>(() => layout.GetManifestAsync("v0.2.2", Ct));
        Assert.Equal(SourceReason.BadInput, e.Reason);
        Assert.Contains("ghcr.io/slsa-framework/example-package:v0.2.2", e.Message, StringComparison.Ordinal);
    }

    private static string Annotations(params (string? Key, string? Value)[] pairs) =>
        "{" + string.Join(',', pairs.Where(p => p.Key is not null).Select(p => $"\"{p.Key}\":\"{p.Value}\"")) + "}";

    /// <summary>The fixture's layout with index.json rewritten: every tagged manifest annotated as the test says, plus <paramref name="extra"/> entries.</summary>
    private void WriteIndex(PmgFixture fixture, Func<string, string> annotationsFor, params string[] extra)
    {
        fixture.WriteLayout(directory);
        var entries = fixture.Manifests.Where(m => m.Tag is not null)
            .Select(m => Entry(m.MediaType, m.Bytes, annotationsFor(m.Tag!)))
            .Concat(extra);
        File.WriteAllText(Path.Combine(directory, "index.json"), $"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciIndex}\",\"manifests\":[{string.Join(',', entries)}]}}");
    }

    private static string Entry(string mediaType, byte[] bytes, string annotations) =>
        $"{{\"mediaType\":\"{mediaType}\",\"digest\":\"{Digest.Compute(bytes)}\",\"size\":{bytes.Length},\"annotations\":{annotations}}}";
}
