using ImageGate.Cli.Reasons;
using ImageGate.Sigstore;

namespace ImageGate.Cli.Kubernetes;

/// <summary>
/// <c>verify --from-pod-spec CONTAINER</c> (docs/pod-check.md §2): the image to verify is the one the pod's own spec
/// names for the main container, so the Deployment names it once and the gate cannot verify one image while the pod
/// runs another. The reference is then checked like a typed one: a tag alone needs <c>--allow-tag</c>.
/// </summary>
internal static class PodSpecImage
{
    public static Failure? TryFind(PodDocument pod, string container, out string image)
    {
        image = string.Empty;
        var spec = PodSelfCheck.Find(pod.Spec?.Containers, container);
        if (spec is null)
        {
            return new Failure(PodReasons.ContainerMissing, $"expected a container \"{container}\" in the pod's spec (not an init container); found {PodSelfCheck.Names(pod)}");
        }
        if (string.IsNullOrWhiteSpace(spec.Image))
        {
            return new Failure(PodReasons.Malformed, $"expected container \"{container}\" to name an image; it names none");
        }
        image = spec.Image;
        return null;
    }
}
