using System.Net;
using System.Net.Http.Headers;
using ImageGate.Oci.Models;

namespace ImageGate.Oci.Registry;

/// <summary>
/// One repository of one registry, or of one mirror of it, through the distribution API (OCI distribution-spec
/// v1.1). A mirror is a registry of its own here: its credentials are looked up by the mirror's host, so a
/// registry's credentials never reach its mirrors.
/// </summary>
public sealed class RegistryRepository : IOciSource
{
    private readonly RegistryClient client;
    private readonly string registry;
    private readonly Uri baseUri;
    private readonly string repository;

    internal RegistryRepository(RegistryClient client, string registry, Uri baseUri, string repository, string? mirrorOf = null)
    {
        this.client = client;
        this.registry = registry;
        this.baseUri = baseUri;
        this.repository = repository;
        Description = mirrorOf is null ? $"registry {registry}/{repository}" : $"mirror {registry}/{repository} (of {mirrorOf})";
    }

    /// <summary><c>registry ghcr.io/org/image</c>, or <c>mirror cache:5000/org/image (of ghcr.io)</c>: a failure names the host that served it.</summary>
    public string Description { get; }

    /// <summary>The registry or mirror host (<c>host</c> or <c>host:port</c>).</summary>
    public string Host => registry;

    /// <summary>Where the API is served (scheme chosen by the insecure-host list).</summary>
    internal Uri BaseUri => baseUri;

    public async Task<FetchedManifest> GetManifestAsync(string reference, CancellationToken cancellationToken) =>
        await FetchManifestAsync(reference, expectedSize: null, cancellationToken).ConfigureAwait(false)
        ?? throw new OciSourceException(SourceReason.NotFound, $"Expected a manifest for '{reference}' in {Description}, found none (404).") { StatusCode = 404 };

    public Task<FetchedManifest?> TryGetManifestByTagAsync(string tag, CancellationToken cancellationToken) =>
        FetchManifestAsync(tag, expectedSize: null, cancellationToken);

    public async Task<FetchedManifest> GetManifestAsync(Descriptor descriptor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var digest = descriptor.ParsedDigest;
        if (descriptor.Size > OciLimits.MaxManifestBytes)
        {
            throw new OciSourceException(SourceReason.TooLarge, $"Expected a manifest of at most {OciLimits.MaxManifestBytes} bytes, found a descriptor of {descriptor.Size} bytes for {digest}.");
        }
        return await FetchManifestAsync(digest.ToString(), descriptor.Size, cancellationToken).ConfigureAwait(false)
            ?? throw new OciSourceException(SourceReason.NotFound, $"Expected manifest {digest} in {Description}, found none (404).") { StatusCode = 404 };
    }

    public async Task<byte[]> GetBlobAsync(Descriptor descriptor, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var digest = descriptor.ParsedDigest;
        if (descriptor.Size > maxBytes)
        {
            throw new OciSourceException(SourceReason.TooLarge, $"Expected a blob of at most {maxBytes} bytes, found a descriptor of {descriptor.Size} bytes for {digest}.");
        }
        if (descriptor.Size < 0)
        {
            throw new OciSourceException(SourceReason.Invalid, $"Expected a non-negative size for blob {digest}, found {descriptor.Size}.");
        }
        var uri = new Uri(baseUri, $"v2/{repository}/blobs/{digest}");
        var bytes = await client.SendAsync(registry, repository,
            () => new HttpRequestMessage(HttpMethod.Get, uri),
            async (response, ct) =>
            {
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    throw new OciSourceException(SourceReason.NotFound, $"Expected blob {digest} in {Description}, found none (404).") { StatusCode = 404 };
                }
                EnsureSuccess(response, $"blob {digest}");
                // Read one byte past the descriptor's size so a longer body is caught as a mismatch, not truncated.
                var read = await BoundedBody.ReadAsync(response, Math.Min(maxBytes, descriptor.Size + 1), $"blob {digest}", ct).ConfigureAwait(false);
                return read;
            },
            authenticate: true,
            cancellationToken).ConfigureAwait(false);
        Verify(bytes, digest, descriptor.Size, "blob");
        return bytes;
    }

    public async Task<IReadOnlyList<Referrer>> GetReferrersAsync(Digest subject, CancellationToken cancellationToken)
    {
        var fromApi = await TryReferrersApiAsync(subject, cancellationToken).ConfigureAwait(false);
        if (fromApi is not null)
        {
            return fromApi;
        }
        // No API (GHCR answers 404): the referrers tag schema. A missing tag means no referrers.
        var tagIndex = await TryGetManifestByTagAsync(CosignTags.ReferrersTag(subject), cancellationToken).ConfigureAwait(false);
        if (tagIndex is null)
        {
            return [];
        }
        if (tagIndex.Index is null)
        {
            throw new OciSourceException(SourceReason.Invalid, $"Expected an image index at referrers tag {CosignTags.ReferrersTag(subject)} in {Description}, found {tagIndex.MediaType}.");
        }
        var manifests = tagIndex.Index.Manifests ?? [];
        if (manifests.Count > OciLimits.MaxReferrers)
        {
            throw new OciSourceException(SourceReason.TooMany, $"Expected at most {OciLimits.MaxReferrers} referrers of {subject}, found {manifests.Count}.");
        }
        return manifests.Select(d => new Referrer(d, ReferrerOrigin.ReferrersTag)).ToList();
    }

    /// <summary>
    /// The referrers API, every page. Null when the registry has no usable API: 404, 400, 405, 406, or a
    /// 200 that is not an image index (the fallback rule of go-containerregistry, which cosign uses).
    /// </summary>
    private async Task<IReadOnlyList<Referrer>?> TryReferrersApiAsync(Digest subject, CancellationToken cancellationToken)
    {
        var results = new List<Referrer>();
        Uri? next = new(baseUri, $"v2/{repository}/referrers/{subject}");
        var pages = 0;
        while (next is not null)
        {
            if (++pages > OciLimits.MaxReferrerPages)
            {
                throw new OciSourceException(SourceReason.TooMany, $"Expected at most {OciLimits.MaxReferrerPages} pages of referrers of {subject}, found more.");
            }
            var pageUri = next;
            var page = await client.SendAsync(registry, repository,
                () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, pageUri);
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.OciIndex));
                    return request;
                },
                async (response, ct) =>
                {
                    if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest
                        or HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotAcceptable)
                    {
                        return ((ImageIndex?)null, (Uri?)null);
                    }
                    EnsureSuccess(response, $"referrers of {subject}");
                    if (response.Content.Headers.ContentType?.MediaType != MediaTypes.OciIndex)
                    {
                        return (null, null);
                    }
                    var body = await BoundedBody.ReadAsync(response, OciLimits.MaxManifestBytes, $"the referrers of {subject}", ct).ConfigureAwait(false);
                    ImageIndex? index;
                    try
                    {
                        index = System.Text.Json.JsonSerializer.Deserialize(body, OciJsonContext.Default.ImageIndex);
                    }
                    catch (System.Text.Json.JsonException)
                    {
                        return (null, null);
                    }
                    if (index?.Manifests is null)
                    {
                        return (null, null);
                    }
                    return (index, LinkHeader.Next(response, pageUri));
                },
                authenticate: true,
                cancellationToken).ConfigureAwait(false);
            if (page.Item1 is null)
            {
                // A registry that answered a first page does not lose the API on the second: only page 1 may fall back.
                if (pages == 1)
                {
                    return null;
                }
                throw new OciSourceException(SourceReason.Invalid, $"Expected page {pages} of the referrers of {subject} to be an image index, found something else.");
            }
            results.AddRange(page.Item1.Manifests!.Select(d => new Referrer(d, ReferrerOrigin.ReferrersApi)));
            if (results.Count > OciLimits.MaxReferrers)
            {
                throw new OciSourceException(SourceReason.TooMany, $"Expected at most {OciLimits.MaxReferrers} referrers of {subject}, found more.");
            }
            next = page.Item2;
        }
        return results;
    }

    /// <summary>GET a manifest by tag or digest with the full Accept list; null on 404. Checked against the digest it was asked by, or the one the registry claims.</summary>
    private async Task<FetchedManifest?> FetchManifestAsync(string reference, long? expectedSize, CancellationToken cancellationToken)
    {
        var byDigest = Digest.TryParse(reference, out var requested);
        var uri = new Uri(baseUri, $"v2/{repository}/manifests/{Uri.EscapeDataString(reference)}");
        var what = $"manifest '{reference}' of {Description}";
        var result = await client.SendAsync(registry, repository,
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, uri);
                foreach (var type in MediaTypes.ManifestAccept)
                {
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
                }
                return request;
            },
            async (response, ct) =>
            {
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return ((byte[]?)null, (string?)null, (string?)null);
                }
                EnsureSuccess(response, what);
                var limit = expectedSize is { } size ? Math.Min(size + 1, OciLimits.MaxManifestBytes) : OciLimits.MaxManifestBytes;
                var body = await BoundedBody.ReadAsync(response, limit, what, ct).ConfigureAwait(false);
                var claimed = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
                return (body, response.Content.Headers.ContentType?.MediaType, claimed);
            },
            authenticate: true,
            cancellationToken).ConfigureAwait(false);
        if (result.Item1 is not { } bytes)
        {
            return null;
        }
        Digest digest;
        if (byDigest)
        {
            digest = requested;
        }
        else if (result.Item3 is { } claimedText && Digest.TryParse(claimedText, out var claimed))
        {
            // A tag is not content-addressed; the registry's claimed digest must at least be true.
            digest = claimed;
        }
        else
        {
            digest = Digest.Compute(bytes);
        }
        Verify(bytes, digest, expectedSize, "manifest");
        return FetchedManifest.Parse(bytes, digest, result.Item2, what);
    }

    private void Verify(byte[] bytes, Digest digest, long? expectedSize, string kind)
    {
        if (expectedSize is { } size && bytes.Length != size)
        {
            throw new OciSourceException(SourceReason.DigestMismatch,
                $"Expected {kind} {digest} from {Description} to be {size} bytes, found {bytes.Length}.");
        }
        if (!digest.Matches(bytes))
        {
            throw new OciSourceException(SourceReason.DigestMismatch,
                $"Expected {kind} content from {Description} to hash to {digest}, found {Digest.Compute(bytes, digest.Algorithm)}.");
        }
    }

    private void EnsureSuccess(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new OciSourceException(SourceReason.Unavailable,
                $"Expected {what} from {Description}, found {(int)response.StatusCode} {response.StatusCode}.")
            { StatusCode = (int)response.StatusCode };
        }
    }
}
