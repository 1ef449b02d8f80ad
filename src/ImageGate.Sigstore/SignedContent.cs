using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Crypto;

namespace ImageGate.Sigstore;

/// <summary>
/// What one bundle signed and with which key, gathered once so every step (log bodies, timestamps, signature)
/// compares against the same bytes. <see cref="Timestamped"/> is what RFC 3161 tokens must cover (the signature,
/// or a legacy <c>.att</c>'s whole envelope); <see cref="LoggedEnvelope"/> is non-empty when the log entry binds
/// the envelope's exact bytes (a legacy <c>.att</c>) rather than its payload hash.
/// </summary>
internal sealed record SignedContent(
    byte[] Signature,
    byte[]? CertificateDer,
    VerificationKey SignerKey,
    MessageSignature? Message,
    DsseEnvelope? Envelope,
    ArtifactPolicy Artifact,
    ReadOnlyMemory<byte> Timestamped,
    ReadOnlyMemory<byte> LoggedEnvelope);
