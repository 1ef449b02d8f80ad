namespace ImageGate.Sigstore.Bundle;

/// <summary>
/// A parsed Sigstore bundle (protos/sigstore_bundle.proto). Byte fields hold the decoded bytes exactly as given:
/// nothing here is ever re-serialised for verification.
/// </summary>
public sealed class SigstoreBundle
{
    public required string MediaType { get; init; }

    /// <summary>Minor version: 1, 2 or 3 (v0.1 to v0.3); 0 for a cosign legacy layer adapted into this model, which
    /// must be verified with <see cref="VerifierOptions.Legacy"/> set (and only such material may be).</summary>
    public required int MinorVersion { get; init; }

    /// <summary>True for material adapted from a cosign legacy <c>.sig</c> / <c>.att</c> layer.</summary>
    public bool IsCosignLegacy => MinorVersion == 0;

    /// <summary>DER of the signing certificate (v0.3 <c>certificate</c>, or [0] of <c>x509CertificateChain</c>).</summary>
    public byte[]? Certificate { get; init; }

    /// <summary>True when the material was an <c>x509CertificateChain</c> (only its first certificate is used).</summary>
    public bool FromCertificateChain { get; init; }

    /// <summary>The opaque <c>publicKey.hint</c> of a key-signed bundle; null for keyless bundles.</summary>
    public string? PublicKeyHint { get; init; }

    public bool HasPublicKey { get; init; }

    public required IReadOnlyList<TlogEntry> TlogEntries { get; init; }

    /// <summary>DER TimeStampResp (or token) bytes of each RFC 3161 timestamp.</summary>
    public required IReadOnlyList<byte[]> Rfc3161Timestamps { get; init; }

    public MessageSignature? MessageSignature { get; init; }

    public DsseEnvelope? DsseEnvelope { get; init; }

    /// <summary>The bytes a timestamp or a Rekor body binds to: the message signature or the DSSE signature.</summary>
    public byte[] SignatureBytes => MessageSignature?.Signature ?? DsseEnvelope!.Signatures[0].Signature;
}

public sealed record MessageSignature(string DigestAlgorithm, byte[] Digest, byte[] Signature);

public sealed class DsseEnvelope
{
    public required string PayloadType { get; init; }

    /// <summary>The payload, base64-decoded: the exact bytes that were signed inside the PAE.</summary>
    public required ReadOnlyMemory<byte> Payload { get; init; }

    public required IReadOnlyList<DsseSignature> Signatures { get; init; }

    /// <summary>The envelope's exact bytes when it is a document of its own (a legacy <c>.att</c> layer, which the
    /// log hashed whole); empty inside a bundle, whose envelope is a re-serialisable JSON member.</summary>
    public ReadOnlyMemory<byte> Serialized { get; init; }
}

public sealed record DsseSignature(byte[] Signature, string KeyId);
