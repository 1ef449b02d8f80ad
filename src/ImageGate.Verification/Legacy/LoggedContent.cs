using ImageGate.Sigstore.Crypto;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// What the Rekor body of a legacy layer must bind to (§4.7 step 2): the bytes whose SHA-256 it logged (the
/// simple-signing payload, or the whole DSSE layer), the annotation signature text (null for attestations,
/// whose annotation signature is empty), and the signer: the leaf DER (keyless) or the trusted key.
/// </summary>
internal sealed record LoggedContent(
    LegacyLayerKind Kind,
    ReadOnlyMemory<byte> HashedBytes,
    string? SignatureText,
    byte[]? LeafDer,
    VerificationKey Key);
