namespace ImageGate.Testing.VirtualSigstore;

/// <summary>
/// One layer of a legacy cosign <c>.sig</c> or <c>.att</c> manifest (§1a, §1b): the blob, its media type and the
/// descriptor annotations. Tests edit <see cref="Annotations"/> to tamper.
/// </summary>
public sealed class LegacyLayer
{
    public const string SignatureAnnotation = "dev.cosignproject.cosign/signature";
    public const string CertificateAnnotation = "dev.sigstore.cosign/certificate";
    public const string ChainAnnotation = "dev.sigstore.cosign/chain";
    public const string BundleAnnotation = "dev.sigstore.cosign/bundle";
    public const string TimestampAnnotation = "dev.sigstore.cosign/rfc3161timestamp";
    public const string SimpleSigningMediaType = "application/vnd.dev.cosign.simplesigning.v1+json";
    public const string DsseMediaType = "application/vnd.dsse.envelope.v1+json";

    public required byte[] Payload { get; init; }

    public required string MediaType { get; init; }

    public required Dictionary<string, string> Annotations { get; init; }

    public required byte[] Signature { get; init; }

    public RekorV1Entry? RekorEntry { get; init; }
}
