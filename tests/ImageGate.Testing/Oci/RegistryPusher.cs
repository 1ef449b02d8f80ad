using System.Net.Http.Headers;

namespace ImageGate.Testing.Oci;

/// <summary>Pushes a <see cref="PmgFixture"/> to a real registry through <see cref="OciContentPusher"/> (test-side only).</summary>
public static class RegistryPusher
{
    public static Task PushAsync(HttpClient http, Uri baseUri, PmgFixture fixture, AuthenticationHeaderValue? auth, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var content = new OciContent();
        content.Blobs.AddRange(fixture.Blobs);
        content.Manifests.AddRange(fixture.Manifests.Select(m => new OciManifestEntry(m.Tag, m.Bytes, m.MediaType)));
        return content.PushAsync(http, baseUri, fixture.Repository, auth, cancellationToken);
    }
}
