namespace ImageGate.Oci.Layout;

/// <summary>The <c>kind</c> annotation values of a <c>cosign save</c> layout's index.json (cosign pkg/oci/layout).</summary>
public static class CosignLayoutKind
{
    public const string Image = "dev.cosignproject.cosign/image";
    public const string ImageIndex = "dev.cosignproject.cosign/imageIndex";
    public const string Signatures = "dev.cosignproject.cosign/sigs";
    public const string Attestations = "dev.cosignproject.cosign/atts";

    public static bool IsImage(string? kind) => kind is Image or ImageIndex;
}
