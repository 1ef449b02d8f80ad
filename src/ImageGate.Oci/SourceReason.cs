namespace ImageGate.Oci;

/// <summary>Stable reason codes of <see cref="OciSourceException"/>; they drive exit codes, spans and metrics, so never rename one.</summary>
public static class SourceReason
{
    /// <summary>The registry or layout could not be reached or read (network, timeout, I/O). Worth retrying later.</summary>
    public const string Unavailable = "source.unavailable";

    /// <summary>The manifest, blob or tag does not exist.</summary>
    public const string NotFound = "source.not-found";

    /// <summary>The registry refused anonymous access (none were configured), or its token service failed.</summary>
    public const string Unauthorized = "source.unauthorized";

    /// <summary>The registry answered 401 or 403 after the configured credentials were sent: retrying cannot help,
    /// the configuration must change (exit 2).</summary>
    public const string CredentialsRefused = "registry.unauthorized";

    /// <summary>Content did not hash to the digest (or size) that named it.</summary>
    public const string DigestMismatch = "source.digest-mismatch";

    /// <summary>A body larger than its cap, or a size that disagrees with its descriptor.</summary>
    public const string TooLarge = "source.too-large";

    /// <summary>More referrers, layers or manifests than the caps allow.</summary>
    public const string TooMany = "source.too-many";

    /// <summary>Content that is not what the protocol says it must be (unparseable manifest, wrong media type).</summary>
    public const string Invalid = "source.invalid";

    /// <summary>A reference, digest, layout or option that cannot be used as given.</summary>
    public const string BadInput = "source.bad-input";

    /// <summary>
    /// A tag (with its repository, when both sides name one) that no entry of a local layout carries. The layout
    /// is what it is: asking again will not help, so this is a configuration error, unlike a registry's 404.
    /// </summary>
    public const string UnknownTag = "source.unknown-tag";

    /// <summary>
    /// A redirect that was not followed: to plain HTTP on a host not declared insecure, to another scheme, without a
    /// Location, or past the redirect limit. Retrying would be redirected the same way.
    /// </summary>
    public const string RedirectRefused = "source.redirect-refused";
}
