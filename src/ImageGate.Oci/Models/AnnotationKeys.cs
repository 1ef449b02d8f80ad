namespace ImageGate.Oci.Models;

/// <summary>Annotation keys the client reads.</summary>
public static class AnnotationKeys
{
    /// <summary>The tag (or full reference) of an entry in a layout's index.json.</summary>
    public const string RefName = "org.opencontainers.image.ref.name";

    /// <summary>The full image reference containerd and docker save record beside the ref name.</summary>
    public const string ContainerdImageName = "io.containerd.image.name";

    /// <summary>What a <c>cosign save</c> layout entry holds: <c>dev.cosignproject.cosign/image|imageIndex|sigs|atts</c>.</summary>
    public const string CosignKind = "kind";
}
