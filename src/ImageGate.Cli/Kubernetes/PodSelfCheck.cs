using ImageGate.Cli.Reasons;
using ImageGate.Oci;
using ImageGate.Sigstore;

namespace ImageGate.Cli.Kubernetes;

/// <summary>
/// What runs is what was verified (docs/pod-check.md §1): in the pod's own object, the named container's spec image is
/// pinned to the marker's digest and its status <c>imageID</c> (what the runtime actually pulled) names that digest.
/// A webhook that rewrote the image, or a Deployment that names another, fails here even though the marker is good.
/// </summary>
internal static class PodSelfCheck
{
    /// <summary>Null when the pod proves <paramref name="digest"/>; <paramref name="pending"/> when the kubelet has
    /// not posted the container's imageID yet (asking again may prove it; passing now would be a pass on doubt).</summary>
    public static Failure? Check(PodDocument pod, string container, string digest, out bool pending)
    {
        pending = false;
        var spec = Find(pod.Spec?.Containers, container) ?? Find(pod.Spec?.InitContainers, container);
        if (spec is null)
        {
            return new Failure(PodReasons.ContainerMissing, $"expected a container \"{container}\" in the pod's spec; found {Names(pod)}");
        }
        if (PinnedDigest(spec.Image) != digest)
        {
            return new Failure(PodReasons.ImageNotPinned, $"expected container \"{container}\" to be specified as IMAGE@{digest}; found \"{spec.Image}\"");
        }
        var status = Find(pod.Status?.ContainerStatuses, container) ?? Find(pod.Status?.InitContainerStatuses, container);
        if (string.IsNullOrEmpty(status?.ImageId))
        {
            pending = true;
            return new Failure(PodReasons.ImageIdUnknown, $"expected the kubelet to report container \"{container}\"'s imageID; {(status is null ? "it has no status yet" : "its imageID is empty")}");
        }
        var pulled = PinnedDigest(status.ImageId);
        if (pulled is null)
        {
            return new Failure(PodReasons.ImageIdUnknown, $"expected container \"{container}\"'s imageID to name a repository digest (REPO@sha256:...); found \"{status.ImageId}\", which does not say which manifest was pulled");
        }
        return pulled == digest ? null
            : new Failure(PodReasons.DigestMismatch, $"expected container \"{container}\" to run {digest}, the verified digest; the runtime pulled {pulled} (imageID \"{status.ImageId}\")");
    }

    /// <summary>The digest after the last <c>@</c> (REPO@sha256:..., docker-pullable://REPO@sha256:...), or null.</summary>
    public static string? PinnedDigest(string? image)
    {
        int at = image?.LastIndexOf('@') ?? -1;
        return at > 0 && Digest.TryParse(image![(at + 1)..], out var parsed, out _) ? parsed.ToString() : null;
    }

    internal static ContainerSpec? Find(List<ContainerSpec>? containers, string name) => containers?.FirstOrDefault(c => c.Name == name);

    private static ContainerStatus? Find(List<ContainerStatus>? statuses, string name) => statuses?.FirstOrDefault(c => c.Name == name);

    internal static string Names(PodDocument pod)
    {
        var names = (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []).Select(c => $"\"{c.Name}\"").ToList();
        return names.Count == 0 ? "no containers" : string.Join(", ", names);
    }
}
