using ImageGate.Oci.Models;

namespace ImageGate.Oci;

/// <summary>How a referrer was found.</summary>
public enum ReferrerOrigin
{
    /// <summary>The distribution-spec referrers API (<c>GET /v2/&lt;name&gt;/referrers/&lt;digest&gt;</c>).</summary>
    ReferrersApi,

    /// <summary>The referrers tag schema: the index at tag <c>&lt;alg&gt;-&lt;hex&gt;</c>.</summary>
    ReferrersTag,

    /// <summary>A local image layout (index.json entries, the referrers tag as a ref name, or a subject field).</summary>
    Layout,
}

/// <summary>One referrer descriptor. Its artifactType and annotations are hints only: cosign and GHCR get them wrong, so callers fetch the manifest.</summary>
public sealed record Referrer(Descriptor Descriptor, ReferrerOrigin Origin);
