using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Crypto;

namespace ImageGate.Sigstore;

/// <summary>
/// What one bundle signed and with which key, gathered once so every step (log bodies, timestamps, signature)
/// compares against the same bytes.
/// </summary>
internal sealed record SignedContent(
    byte[] Signature,
    byte[]? CertificateDer,
    VerificationKey SignerKey,
    MessageSignature? Message,
    DsseEnvelope? Envelope,
    ArtifactPolicy Artifact);
