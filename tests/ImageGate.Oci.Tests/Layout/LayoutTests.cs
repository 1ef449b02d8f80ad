using ImageGate.Oci.Layout;
using ImageGate.Oci.Tests.Support;
using ImageGate.Testing.Oci;

namespace ImageGate.Oci.Tests.Layout;

public sealed class LayoutTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("imagegate-layout-").FullName;

    public static string CosignSaveLayout => Path.Combine(AppContext.BaseDirectory, "fixtures", "cosign-save-layout", "slsa-generator-v1.10.0", "container_workflow_dispatch");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task An_oci_layout_of_pmg_material_yields_all_three_by_tag_and_by_digest()
    {
        var fixture = PmgFixture.Create();
        fixture.WriteLayout(directory);
        var layout = OciImageLayout.Open(directory);
        var byTag = await PmgWalk.ReadAsync(layout, fixture.Tag, TestContext.Current.CancellationToken);
        PmgWalk.HasAllThree(fixture, byTag, ReferrerOrigin.Layout);
        var byDigest = await PmgWalk.ReadAsync(layout, fixture.IndexDigest.ToString(), TestContext.Current.CancellationToken);
        Assert.Equal(3, byDigest.Blobs.Count);
    }

    [Fact]
    public async Task Referrers_listed_only_in_index_json_with_a_subject_are_found()
    {
        var fixture = PmgFixture.Create();
        fixture.WriteLayout(directory);
        // Drop the referrers tag and list the referrer manifests in index.json instead (oras/crane style).
        var referrers = fixture.Manifests.Where(m => m.Tag is null && System.Text.Encoding.UTF8.GetString(m.Bytes).Contains("\"subject\"", StringComparison.Ordinal)).ToList();
        var entries = fixture.Manifests.Where(m => m.Tag is not null && m.Tag != CosignTags.ReferrersTag(fixture.IndexDigest))
            .Select(m => $"{{\"mediaType\":\"{m.MediaType}\",\"digest\":\"{Digest.Compute(m.Bytes)}\",\"size\":{m.Bytes.Length},\"annotations\":{{\"org.opencontainers.image.ref.name\":\"{m.Tag}\"}}}}")
            .Concat(referrers.Select(m => $"{{\"mediaType\":\"{m.MediaType}\",\"digest\":\"{Digest.Compute(m.Bytes)}\",\"size\":{m.Bytes.Length}}}"));
        File.WriteAllText(Path.Combine(directory, "index.json"), $"{{\"schemaVersion\":2,\"manifests\":[{string.Join(',', entries)}]}}");
        var result = await PmgWalk.ReadAsync(OciImageLayout.Open(directory), fixture.Tag, TestContext.Current.CancellationToken);
        PmgWalk.HasAllThree(fixture, result, ReferrerOrigin.Layout);
    }

    [Fact]
    public async Task A_tampered_blob_in_a_layout_is_a_digest_mismatch()
    {
        var fixture = PmgFixture.Create();
        fixture.WriteLayout(directory);
        var path = Path.Combine(directory, "blobs", "sha256", fixture.SbomBundleDigest.Encoded);
        var bytes = File.ReadAllBytes(path);
        bytes[^2] ^= 0x20;
        File.WriteAllBytes(path, bytes);
        var e = await Assert.ThrowsAsync<OciSourceException>(() =>
            PmgWalk.ReadAsync(OciImageLayout.Open(directory), fixture.Tag, TestContext.Current.CancellationToken));
        Assert.Equal(SourceReason.DigestMismatch, e.Reason);
    }

    [Fact]
    public async Task A_FIFO_in_place_of_a_blob_is_refused_without_blocking()
    {
        var fixture = PmgFixture.Create();
        fixture.WriteLayout(directory);
        var path = Path.Combine(directory, "blobs", "sha256", fixture.SbomBundleDigest.Encoded);
        File.Delete(path);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", path))
        {
            await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        // A blocking open would hang the test until its own timeout; the check happens before the file is opened.
        var e = await Assert.ThrowsAsync<OciSourceException>(() =>
            PmgWalk.ReadAsync(OciImageLayout.Open(directory), fixture.Tag, TestContext.Current.CancellationToken));
        Assert.Equal(SourceReason.BadInput, e.Reason);
        Assert.Contains("found a FIFO, socket or device", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_in_place_of_index_json_is_refused()
    {
        var fixture = PmgFixture.Create();
        fixture.WriteLayout(directory);
        var index = Path.Combine(directory, "index.json");
        File.Delete(index);
        File.CreateSymbolicLink(index, "/dev/zero");
        var e = Assert.Throws<OciSourceException>(() => OciImageLayout.Open(directory));
        Assert.Equal(SourceReason.BadInput, e.Reason);
    }

    [Fact]
    public async Task The_real_cosign_save_layout_is_read_by_digest_and_by_full_reference()
    {
        var expected = File.ReadAllText(Path.Combine(Path.GetDirectoryName(CosignSaveLayout)!, "container_workflow_dispatch.digest")).Trim();
        var layout = OciImageLayout.Open(CosignSaveLayout);
        Assert.True(layout.IsCosignSave);
        foreach (var reference in new[] { expected, "ghcr.io/slsa-framework/example-package@" + expected })
        {
            var result = await PmgWalk.ReadAsync(layout, reference, TestContext.Current.CancellationToken);
            Assert.Equal(expected, result.Image.Digest.ToString());
            Assert.Equal(MediaTypes.OciIndex, result.Image.MediaType);
            // cosign save stores the provenance under the .att tag only: one layer, read back with its digest checked.
            Assert.Empty(result.Referrers);
            Assert.Equal("sha256:20b16d5835eceaa7b9dbb7e4fdf4db52a8b9159c1416dd73e54cade07e838917", Assert.Single(result.Blobs).ToString());
        }
    }

    [Fact]
    public void A_directory_without_oci_layout_is_rejected_with_a_reason()
    {
        var e = Assert.Throws<OciSourceException>(() => OciImageLayout.Open(directory));
        Assert.Equal(SourceReason.Invalid, e.Reason);
    }
}
