using System.Buffers.Binary;
using System.Security.Cryptography;
using ImageGate.Sigstore.Crypto;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Transparency;

/// <summary>
/// Verifies a checkpoint's signature with the log's key. Rekor v1 (rekor pkg/util/signed_note.go): every
/// signature line must carry the log's key hint, the first 4 bytes of SHA-256(SPKI). Rekor v2 (C2SP): lines from
/// other keys (witness cosignatures) are ignored; one line named by the log's origin with the C2SP key id's
/// hint must verify, and the note's origin must equal the log's origin.
/// </summary>
internal static class CheckpointVerifier
{
    public static Failure? VerifyRekorV1(SignedNote note, TransparencyLog log)
    {
        var key = log.Key!;
        uint hint = BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(key.SubjectPublicKeyInfo));
        foreach (var signature in note.Signatures)
        {
            if (signature.KeyHint != hint)
            {
                return Invalid($"the checkpoint carries a signature with key hint {signature.KeyHint:x8}; expected only {hint:x8} of log {log.BaseUrl}");
            }
        }
        foreach (var signature in note.Signatures)
        {
            if (VerifyLine(key, note.Text, signature.Signature))
            {
                return null;
            }
        }
        return Invalid($"the checkpoint's signature does not verify with the key of log {log.BaseUrl}");
    }

    public static Failure? VerifyRekorV2(SignedNote note, TransparencyLog log)
    {
        var key = log.Key!;
        string origin = log.Origin;
        if (note.Origin != origin)
        {
            return Invalid($"the checkpoint's origin is \"{note.Origin}\"; expected \"{origin}\"");
        }
        uint hint = BinaryPrimitives.ReadUInt32BigEndian(C2spKeyId.Compute(origin, key));
        bool named = false;
        foreach (var signature in note.Signatures)
        {
            if (signature.KeyName != origin || signature.KeyHint != hint)
            {
                continue;
            }
            named = true;
            if (VerifyLine(key, note.Text, signature.Signature))
            {
                return null;
            }
        }
        return Invalid(named
            ? $"the checkpoint's signature by {origin} does not verify"
            : $"the checkpoint has no signature by {origin} with key hint {hint:x8}");
    }

    private static bool VerifyLine(VerificationKey key, byte[] text, byte[] signature) =>
        // ECDSA and RSA sign SHA-256(note); Ed25519 signs the note itself.
        key is Ed25519Key ? key.VerifyData(text, signature) : key.VerifyData(text, signature, HashAlgorithmName.SHA256);

    private static Failure Invalid(string message) => new(ReasonCodes.TlogCheckpointInvalid, message);
}
