namespace ImageGate.Cli.Reasons;

/// <summary>
/// The reason codes of the pod checks (<c>--pod-self-check</c>, <c>--from-pod-spec</c>; docs/pod-check.md §3). Every
/// doubt is a refusal: an API that cannot be asked is exit 3, an answer that does not prove the digest is exit 1.
/// </summary>
internal static class PodReasons
{
    public const string NotInCluster = "pod.not-in-cluster";
    public const string ApiUnavailable = "pod.api-unavailable";
    public const string Unauthorized = "pod.unauthorized";
    public const string Forbidden = "pod.forbidden";
    public const string NotFound = "pod.not-found";
    public const string Malformed = "pod.malformed";
    public const string ContainerMissing = "pod.container-missing";
    public const string ImageNotPinned = "pod.image-not-pinned";
    public const string DigestMismatch = "pod.digest-mismatch";
    public const string ImageIdUnknown = "pod.image-id-unknown";
}
