using System.Security.Cryptography;
using ImageGate.Sigstore.Formats;

namespace ImageGate.Sigstore.Tuf;

/// <summary>
/// Whether a threshold of a role's keys signed a metadata file (docs/trust-root.md §2.2): each distinct key of the
/// role counts once, however many signatures name it, and two key ids holding the same public key count once; a
/// signature by a key outside the role, by a key of an unsupported type, or that does not verify counts for nothing.
/// Signatures are ECDSA P-256 with SHA-256 over the canonical bytes, DER-encoded, in hex.
/// </summary>
internal static class SignatureThreshold
{
    /// <param name="roleName">The role (root, timestamp, snapshot, targets).</param>
    /// <param name="authority">The root metadata whose key table and role are used, for the message.</param>
    public static Failure? Check(TufMetadata metadata, string roleName, TufMetadata authority, CancellationToken cancellationToken)
    {
        var role = authority.Role(roleName);
        var counted = new HashSet<string>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var keyId in role.KeyIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (authority.Key(keyId) is not { } key)
            {
                continue;
            }
            string material = Convert.ToHexStringLower(key.SubjectPublicKeyInfo);
            if (keys.Contains(material))
            {
                continue;
            }
            for (int i = 0; i < metadata.SignatureKeyIds.Count; i++)
            {
                if (metadata.SignatureKeyIds[i] == keyId && Hex.TryDecode(metadata.SignatureHex[i], out var der)
                    && der.Length > 0 && key.VerifyData(metadata.SignedBytes, der, HashAlgorithmName.SHA256))
                {
                    counted.Add(keyId);
                    keys.Add(material);
                    break;
                }
            }
        }
        if (counted.Count >= role.Threshold)
        {
            return null;
        }
        return new Failure(TufReasons.ThresholdNotMet,
            $"expected {metadata.Describe()} to be signed by {role.Threshold} of the {role.KeyIds.Count} {roleName} key(s) of {authority.Describe()}; "
            + $"found {counted.Count} valid signature(s) by distinct keys ({metadata.SignatureHex.Count} signature(s) in the file)");
    }
}
