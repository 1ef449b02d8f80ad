using System.Globalization;
using System.Text;

namespace ImageGate.Testing.VirtualSigstore;

/// <summary>DSSE v1 pre-authentication encoding, from the DSSE protocol text.</summary>
public static class DssePae
{
    public const string InTotoPayloadType = "application/vnd.in-toto+json";

    /// <summary>"DSSEv1" SP len(type) SP type SP len(body) SP body, lengths in ASCII decimal bytes.</summary>
    public static byte[] Pae(string payloadType, ReadOnlySpan<byte> payload)
    {
        byte[] type = Encoding.UTF8.GetBytes(payloadType);
        byte[] header = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"DSSEv1 {type.Length} {payloadType} {payload.Length} "));
        byte[] result = new byte[header.Length + payload.Length];
        header.CopyTo(result, 0);
        payload.CopyTo(result.AsSpan(header.Length));
        return result;
    }
}
