using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImageGate.Sigstore.Dsse;

/// <summary>
/// DSSE pre-authentication encoding (secure-systems-lab/dsse protocol.md):
/// <c>"DSSEv1" SP len(type) SP type SP len(body) SP body</c>, lengths as ASCII decimal byte counts.
/// </summary>
internal static class Pae
{
    public static byte[] Encode(string payloadType, ReadOnlySpan<byte> payload)
    {
        var type = Encoding.UTF8.GetBytes(payloadType);
        var prefix = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"DSSEv1 {type.Length} "));
        var middle = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $" {payload.Length} "));
        var result = new byte[prefix.Length + type.Length + middle.Length + payload.Length];
        prefix.CopyTo(result, 0);
        type.CopyTo(result, prefix.Length);
        middle.CopyTo(result, prefix.Length + type.Length);
        payload.CopyTo(result.AsSpan(prefix.Length + type.Length + middle.Length));
        return result;
    }

    /// <summary>H(PAE) computed incrementally: the payload is hashed in place, never copied into a PAE buffer.</summary>
    public static byte[] Hash(HashAlgorithmName hash, string payloadType, ReadOnlySpan<byte> payload)
    {
        var type = Encoding.UTF8.GetBytes(payloadType);
        using var h = IncrementalHash.CreateHash(hash);
        h.AppendData(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"DSSEv1 {type.Length} ")));
        h.AppendData(type);
        h.AppendData(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $" {payload.Length} ")));
        h.AppendData(payload);
        return h.GetHashAndReset();
    }
}
