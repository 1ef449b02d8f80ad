using System.Security.Cryptography;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Crypto;
using ImageGate.Sigstore.Transparency;

namespace ImageGate.Sigstore.Dsse;

/// <summary>
/// §4.6 messageSignature: the bundle's messageDigest must be the artifact's digest, and the signature must verify
/// over the artifact (or, when only its digest is known, over that prehash). Pure Ed25519 cannot verify a
/// prehash, so an Ed25519 message signature needs the artifact itself.
/// </summary>
internal static class MessageSignatureVerifier
{
    public static Failure? Verify(MessageSignature message, VerificationKey key, ArtifactPolicy artifact)
    {
        if (CheckDigest(message, artifact, out string algorithm, out var expected) is { } mismatch)
        {
            return mismatch;
        }
        var hash = algorithm switch
        {
            "sha384" => HashAlgorithmName.SHA384,
            "sha512" => HashAlgorithmName.SHA512,
            _ => HashAlgorithmName.SHA256,
        };
        bool ok;
        if (artifact.Artifact is { } bytes)
        {
            ok = key.VerifyData(bytes.Span, message.Signature, key is Ed25519Key ? key.DefaultHash : hash);
        }
        else if (key is Ed25519Key)
        {
            return new Failure(ReasonCodes.SignatureInvalid, "an Ed25519 message signature can only be verified against the artifact, not its digest");
        }
        else
        {
            ok = key.VerifyDigest(expected, message.Signature, hash);
        }
        return ok ? null : new Failure(ReasonCodes.SignatureInvalid, $"the message signature does not verify with the signer's {key.Description} key");
    }

    /// <summary>The bundle's messageDigest (an unauthenticated hint) against the artifact's digest in its algorithm.</summary>
    public static Failure? CheckDigest(MessageSignature message, ArtifactPolicy artifact, out string algorithm, out byte[] expected)
    {
        algorithm = message.Digest.Length > 0 ? RekorBody.ProtoAlgorithm(message.DigestAlgorithm) : artifact.Algorithm;
        expected = artifact.DigestWith(algorithm) ?? [];
        if (expected.Length == 0)
        {
            return new Failure(ReasonCodes.ArtifactDigestMismatch,
                $"the bundle signs a {message.DigestAlgorithm} digest, but only the artifact's {artifact.Algorithm} digest is known");
        }
        if (message.Digest.Length > 0 && !message.Digest.AsSpan().SequenceEqual(expected))
        {
            return new Failure(ReasonCodes.ArtifactDigestMismatch,
                $"expected the bundle to sign {algorithm}:{Convert.ToHexStringLower(expected)}; it signs {algorithm}:{Convert.ToHexStringLower(message.Digest)}");
        }
        return null;
    }
}
