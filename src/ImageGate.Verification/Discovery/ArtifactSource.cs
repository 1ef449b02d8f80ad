namespace ImageGate.Verification.Discovery;

/// <summary>Where a Sigstore artifact was found.</summary>
public enum ArtifactSource
{
    /// <summary>The registry's referrers API.</summary>
    ReferrersApi,

    /// <summary>The referrers tag <c>sha256-&lt;hex&gt;</c> (registries without the API, such as GHCR).</summary>
    ReferrersTag,

    /// <summary>cosign's legacy <c>sha256-&lt;hex&gt;.sig</c> / <c>.att</c> tags.</summary>
    LegacyTag,

    /// <summary>A local OCI image layout or <c>cosign save</c> layout.</summary>
    Layout,
}
