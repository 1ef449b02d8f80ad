namespace ImageGate.Verification.Legacy;

/// <summary>The reason codes of cosign's legacy <c>.sig</c> / <c>.att</c> formats (docs/verification.md
/// §1a, §1b, §4.7): what can be wrong with a layer before it becomes a bundle for the one verification walk.</summary>
public static class LegacyReasons
{
    public const string PayloadMalformed = "legacy.payload-malformed";
    public const string PayloadNotCosign = "legacy.payload-not-cosign";
    public const string PayloadDigestMismatch = "legacy.payload-digest-mismatch";
    public const string AnnotationMalformed = "legacy.annotation-malformed";
    public const string NoSignatureAnnotation = "legacy.no-signature-annotation";
    public const string NoBundleAnnotation = "legacy.no-bundle-annotation";
}
