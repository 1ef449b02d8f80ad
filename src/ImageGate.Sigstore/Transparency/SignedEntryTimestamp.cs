using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Crypto;
using ImageGate.Sigstore.Formats;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Transparency;

/// <summary>
/// Rekor v1's inclusion promise: an ECDSA signature over the RFC 8785 canonical JSON of
/// <c>{"body","integratedTime","logID","logIndex"}</c> with the GLOBAL log index and the lower-case hex log id.
/// Only ECDSA log keys sign SETs; the integrated time must fall inside the log key's validFor.
/// </summary>
internal static class SignedEntryTimestamp
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

    /// <summary>The RFC 8785 message. Its keys are fixed and already in JCS order; the strings go through the JCS
    /// escaper and the integers are plain decimals, which is what JCS makes of integers below 2^53.</summary>
    public static byte[] Message(TlogEntry entry)
    {
        var sb = new StringBuilder("{\"body\":");
        Jcs.WriteString(sb, Convert.ToBase64String(entry.CanonicalizedBody));
        sb.Append(",\"integratedTime\":").Append(entry.IntegratedTime.ToString(CultureInfo.InvariantCulture));
        sb.Append(",\"logID\":");
        Jcs.WriteString(sb, Convert.ToHexStringLower(entry.LogId));
        sb.Append(",\"logIndex\":").Append(entry.LogIndex.ToString(CultureInfo.InvariantCulture)).Append('}');
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static Failure Invalid(string message) => new(ReasonCodes.TlogSetInvalid, message);
}
