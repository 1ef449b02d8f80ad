using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Crypto;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Transparency;

/// <summary>
/// Rekor v1's inclusion promise: an ECDSA signature over the RFC 8785 canonical JSON of
/// <c>{"body","integratedTime","logID","logIndex"}</c> with the GLOBAL log index and the lower-case hex log id.
/// Only ECDSA log keys sign SETs; the integrated time must fall inside the log key's validFor.
/// </summary>
public static class SignedEntryTimestamp
{
    public static Failure? Verify(TlogEntry entry, TransparencyLog log)
    {
        if (entry.SignedEntryTimestamp is not { } set)
        {
            return Invalid("the entry has no signed entry timestamp");
        }
        if (log.Key is not EcdsaKey key)
        {
            return Invalid($"log {log.BaseUrl} has a {log.Key?.Description ?? "unsupported"} key; signed entry timestamps are ECDSA only");
        }
        var time = DateTimeOffset.FromUnixTimeSeconds(entry.IntegratedTime);
        if (!log.Validity.Contains(time))
        {
            return Invalid($"integrated time {time:O} is outside the validity {log.Validity} of log {log.BaseUrl}'s key");
        }
        if (!key.VerifyData(Message(entry), set, HashAlgorithmName.SHA256))
        {
            return Invalid($"the signed entry timestamp of entry {entry.LogIndex} does not verify with the key of log {log.BaseUrl}");
        }
        return null;
    }

    /// <summary>The JCS message; every value is base64, hex or an integer, so no string needs escaping.</summary>
    public static byte[] Message(TlogEntry entry) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"{{\"body\":\"{Convert.ToBase64String(entry.CanonicalizedBody)}\",\"integratedTime\":{entry.IntegratedTime},\"logID\":\"{Convert.ToHexStringLower(entry.LogId)}\",\"logIndex\":{entry.LogIndex}}}"));

    private static Failure Invalid(string message) => new(ReasonCodes.TlogSetInvalid, message);
}
