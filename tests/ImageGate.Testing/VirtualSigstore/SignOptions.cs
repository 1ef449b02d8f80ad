using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace ImageGate.Testing.VirtualSigstore;

public enum BundleVersion
{
    /// <summary><c>application/vnd.dev.sigstore.bundle+json;version=0.1</c>: certificate chain, SET, no proof by default.</summary>
    V01,

    /// <summary><c>...;version=0.2</c>: certificate chain, SET and inclusion proof.</summary>
    V02,

    /// <summary><c>application/vnd.dev.sigstore.bundle+json;version=0.3</c>: a single certificate.</summary>
    V03,

    /// <summary><c>application/vnd.dev.sigstore.bundle.v0.3+json</c>, the spelling cosign writes.</summary>
    V03Canonical,
}

public enum RekorKind
{
    /// <summary>No transparency-log entry at all.</summary>
    None,
    HashedRekordV001,
    DsseV001,
    IntotoV002,

    /// <summary>Rekor v2 hashedrekord 0.0.2 (for DSSE: over H(PAE)); no SET, no integrated time.</summary>
    HashedRekordV002,
}

/// <summary>Everything a signing can vary. Defaults give a bundle cosign v3 would write and sigstore-go accept.</summary>
public sealed class SignOptions
{
    public string SubjectAlternativeName { get; init; } = VirtualSigstore.DefaultIdentity;

    public SanType SanType { get; init; } = SanType.Uri;

    public string? Issuer { get; init; } = VirtualSigstore.DefaultIssuer;

    public bool IssuerV1 { get; init; } = true;

    public bool IssuerV2 { get; init; } = true;

    public IReadOnlyList<X509Extension> ExtraExtensions { get; init; } = [];

    public BundleVersion Version { get; init; } = BundleVersion.V03;

    /// <summary>Null: dsse 0.0.1 for DSSE, hashedrekord 0.0.1 for message signatures.</summary>
    public RekorKind? Kind { get; init; }

    public bool IncludeSet { get; init; } = true;

    /// <summary>Null: every version but v0.1 carries one.</summary>
    public bool? IncludeInclusionProof { get; init; }

    public bool IncludeTimestamp { get; init; }

    /// <summary>Bytes the TSA timestamps instead of the signature.</summary>
    public byte[]? TimestampedBytes { get; init; }

    public bool EmbedTsaCertificate { get; init; } = true;

    /// <summary>The messageImprint hash of the RFC 3161 timestamp (SHA-256 by default; SHA-1 must be refused).</summary>
    public HashAlgorithmName? TimestampHash { get; init; }

    /// <summary>The hash an ECDSA key signs the DSSE PAE with (default: the curve's; cosign's compat mode uses SHA-256 for P-384).</summary>
    public HashAlgorithmName? DsseHash { get; init; }

    public bool IncludeSct { get; init; } = true;

    public bool ForgeSct { get; init; }

    public KeyType KeyType { get; init; } = KeyType.EcdsaP256;

    /// <summary>Sign with this key and no certificate: a key-signed bundle with <c>publicKey.hint</c>.</summary>
    public SigningKey? Key { get; init; }

    public string? KeyHint { get; init; }

    /// <summary>Another Fulcio (e.g. one the trust root does not know).</summary>
    public VirtualFulcio? Fulcio { get; init; }

    public VirtualTsa? Tsa { get; init; }

    public VirtualCtLog? CtLog { get; init; }

    /// <summary>CT logs whose SCTs the leaf embeds besides the default one (e.g. another deployment's).</summary>
    public IReadOnlyList<VirtualCtLog> AdditionalCtLogs { get; init; } = [];

    /// <summary>Rekor v1 logs that log the same body as well: one more tlog entry each in a bundle. A legacy layer
    /// has room for one entry only, so these are ignored there.</summary>
    public IReadOnlyList<VirtualRekorLog> AdditionalRekorLogs { get; init; } = [];

    public TimeSpan CertificateNotBeforeOffset { get; init; }

    public TimeSpan CertificateLifetime { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan IntegratedTimeOffset { get; init; }

    public TimeSpan TimestampOffset { get; init; }

    /// <summary>Alter the proposed Rekor body before it is logged, so the SET and proof cover the altered body.</summary>
    public Action<JsonObject>? TamperBody { get; init; }

    /// <summary>Sign slightly different bytes: the signature is well-formed, logged and timestamped, but wrong.</summary>
    public bool SignOtherBytes { get; init; }

    public string PayloadType { get; init; } = DssePae.InTotoPayloadType;
}
