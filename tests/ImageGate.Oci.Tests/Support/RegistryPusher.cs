using System.Net.Http.Headers;

namespace ImageGate.Oci.Tests.Support;

/// <summary>Pushes fixture content to a real registry with the distribution API's monolithic upload (test-side only).</summary>
public static class RegistryPusher
{
    public static async Task PushAsync(HttpClient http, Uri baseUri, PmgFixture fixture, AuthenticationHeaderValue? auth, CancellationToken cancellationToken)
    {
        foreach (var blob in fixture.Blobs.DistinctBy(b => Digest.Compute(b).ToString()))
        {
            using var start = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, $"v2/{fixture.Repository}/blobs/uploads/"));
            start.Headers.Authorization = auth;
            using var started = await http.SendAsync(start, cancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, started.StatusCode);
            var location = new Uri(baseUri, started.Headers.Location!);
            var separator = location.Query.Length > 0 ? "&" : "?";
            using var put = new HttpRequestMessage(HttpMethod.Put, new Uri(location + separator + "digest=" + Uri.EscapeDataString(Digest.Compute(blob).ToString())))
            {
                Content = new ByteArrayContent(blob),
            };
            put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            put.Headers.Authorization = auth;
            using var done = await http.SendAsync(put, cancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.Created, done.StatusCode);
        }
        foreach (var (tag, bytes, mediaType) in fixture.Manifests)
        {
            using var put = new HttpRequestMessage(HttpMethod.Put, new Uri(baseUri, $"v2/{fixture.Repository}/manifests/{tag ?? Digest.Compute(bytes).ToString()}"))
            {
                Content = new ByteArrayContent(bytes),
            };
            put.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            put.Headers.Authorization = auth;
            using var done = await http.SendAsync(put, cancellationToken);
            var body = await done.Content.ReadAsStringAsync(cancellationToken);
            Assert.True(done.StatusCode == System.Net.HttpStatusCode.Created, $"PUT manifest {tag}: {(int)done.StatusCode} {body}");
        }
    }
}
