namespace ImageGate.Verification.Legacy;

/// <summary>The layer-descriptor annotations of cosign's legacy <c>.sig</c> and <c>.att</c> layers (§1a, §1b).</summary>
public static class LegacyAnnotationKeys
{
    /// <summary>"base64 (std) of the raw signature"; the empty string on attestation layers.</summary>
    public const string Signature = "dev.cosignproject.cosign/signature";

    /// <summary>"PEM leaf cert (keyless). Absent or empty for key-based signing."</summary>
    public const string Certificate = "dev.sigstore.cosign/certificate";

    /// <summary>"PEM concatenation of the intermediate(s) and root ... ignored when a trusted root is used".</summary>
    public const string Chain = "dev.sigstore.cosign/chain";

    /// <summary>JSON of cosign's <c>RekorBundle</c> (PascalCase outer fields).</summary>
    public const string Bundle = "dev.sigstore.cosign/bundle";

    /// <summary><c>{"SignedRFC3161Timestamp":"&lt;b64 DER TimeStampResp&gt;"}</c>.</summary>
    public const string Rfc3161Timestamp = "dev.sigstore.cosign/rfc3161timestamp";

    /// <summary>The media type of a <c>.sig</c> layer (§1a), and of the bundle adapted from one.</summary>
    public const string SimpleSigningMediaType = "application/vnd.dev.cosign.simplesigning.v1+json";

    /// <summary>The media type of an <c>.att</c> layer (§1b), and of the bundle adapted from one.</summary>
    public const string DsseMediaType = "application/vnd.dsse.envelope.v1+json";
}
