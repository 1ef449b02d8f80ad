using System.Net;
using System.Net.Http.Headers;

namespace ImageGate.Testing.Oci;

/// <summary>
/// Pushes <see cref="OciContent"/> to a real registry with the distribution API's monolithic blob upload, then the
/// manifests in order (children first, as a registry that checks references requires). Test-side only.
/// </summary>
public static class OciContentPusher
{
    public static Task PushAsync(this OciContent content, HttpClient http, Uri baseUri, string repository, CancellationToken cancellationToken) =>
        PushAsync(content, http, baseUri, repository, auth: null, cancellationToken);

    /// <summary>As above, sending <paramref name="auth"/> with every request (a registry behind htpasswd).</summary>
    public static async Task PushAsync(this OciContent content, HttpClient http, Uri baseUri, string repository, AuthenticationHeaderValue? auth, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(http);
        foreach (var blob in content.Blobs.DistinctBy(b => OciContent.DigestOf(b)))
        {
            await PushBlobAsync(http, baseUri, repository, blob, auth, cancellationToken);
        }
        foreach (var manifest in content.Manifests)
        {
            using var put = new HttpRequestMessage(HttpMethod.Put, new Uri(baseUri, $"v2/{repository}/manifests/{manifest.Tag ?? manifest.Digest}"))
            {
                Content = new ByteArrayContent(manifest.Bytes),
            };
            put.Content.Headers.ContentType = new MediaTypeHeaderValue(manifest.MediaType);
            put.Headers.Authorization = auth;
            using var done = await http.SendAsync(put, cancellationToken);
            await Expect(done, HttpStatusCode.Created, $"PUT manifest {manifest.Tag ?? manifest.Digest}", cancellationToken);
        }
    }

    private static async Task PushBlobAsync(HttpClient http, Uri baseUri, string repository, byte[] blob, AuthenticationHeaderValue? auth, CancellationToken cancellationToken)
    {
        using var start = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, $"v2/{repository}/blobs/uploads/"));
        start.Headers.Authorization = auth;
        using var started = await http.SendAsync(start, cancellationToken);
        await Expect(started, HttpStatusCode.Accepted, "POST blob upload", cancellationToken);
        var location = new Uri(baseUri, started.Headers.Location!);
        var separator = location.Query.Length > 0 ? "&" : "?";
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri(location + separator + "digest=" + Uri.EscapeDataString(OciContent.DigestOf(blob))))
        {
            Content = new ByteArrayContent(blob),
        };
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        put.Headers.Authorization = auth;
        using var done = await http.SendAsync(put, cancellationToken);
        await Expect(done, HttpStatusCode.Created, $"PUT blob {OciContent.DigestOf(blob)}", cancellationToken);
    }

    private static async Task Expect(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken cancellationToken)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"{what}: expected {(int)expected}, got {(int)response.StatusCode} {body}");
        }
    }
}
