using System.Buffers.Binary;

namespace ImageGate.Sigstore.Certificates;

/// <summary>
/// One RFC 6962 §3.2 SCT as carried in the SignedCertificateTimestampList: version, log id, timestamp (ms),
/// extensions, and a TLS digitally-signed struct (hash_alg, sig_alg, signature).
/// </summary>
internal sealed record SignedCertificateTimestamp(
    byte Version,
    byte[] LogId,
    ulong Timestamp,
    byte[] Extensions,
    byte HashAlgorithm,
    byte SignatureAlgorithm,
    byte[] Signature)
{
    /// <summary>
    /// Parses the TLS list: <c>uint16 total_len</c>, then repeated <c>uint16 sct_len || SCT</c>. Every length
    /// must be exact; a malformed list yields a sentence and no SCTs.
    /// </summary>
    public static string? TryParseList(ReadOnlySpan<byte> list, out List<SignedCertificateTimestamp> scts)
    {
        scts = [];
        if (list.Length < 2 || BinaryPrimitives.ReadUInt16BigEndian(list) != list.Length - 2)
        {
            return $"expected a TLS SCT list whose uint16 length prefix equals the {Math.Max(list.Length - 2, 0)} bytes that follow, found a different length";
        }
        var rest = list[2..];
        while (rest.Length > 0)
        {
            if (rest.Length < 2)
            {
                return "expected a uint16 SCT length, found a truncated list";
            }
            int length = BinaryPrimitives.ReadUInt16BigEndian(rest);
            if (length == 0 || rest.Length - 2 < length)
            {
                return $"expected an SCT of {length} bytes, found {rest.Length - 2} left in the list";
            }
            var problem = TryParse(rest.Slice(2, length), out var sct);
            if (problem is not null)
            {
                return problem;
            }
            scts.Add(sct!);
            rest = rest[(2 + length)..];
        }
        return null;
    }

    private static string? TryParse(ReadOnlySpan<byte> data, out SignedCertificateTimestamp? sct)
    {
        sct = null;
        // version(1) | log_id(32) | timestamp(8) | uint16 ext_len
        if (data.Length < 1 + 32 + 8 + 2)
        {
            return $"expected an SCT of at least 43 bytes, found {data.Length}";
        }
        byte version = data[0];
        var logId = data.Slice(1, 32).ToArray();
        ulong timestamp = BinaryPrimitives.ReadUInt64BigEndian(data[33..]);
        int extLength = BinaryPrimitives.ReadUInt16BigEndian(data[41..]);
        var rest = data[43..];
        // extensions | hash_alg(1) | sig_alg(1) | uint16 sig_len | signature
        if (rest.Length < extLength + 4)
        {
            return "expected SCT extensions and a signature, found a truncated SCT";
        }
        var extensions = rest[..extLength].ToArray();
        rest = rest[extLength..];
        byte hash = rest[0];
        byte signatureAlgorithm = rest[1];
        int sigLength = BinaryPrimitives.ReadUInt16BigEndian(rest[2..]);
        rest = rest[4..];
        if (rest.Length != sigLength)
        {
            return $"expected an SCT signature of {sigLength} bytes ending the SCT, found {rest.Length} bytes";
        }
        sct = new SignedCertificateTimestamp(version, logId, timestamp, extensions, hash, signatureAlgorithm, rest.ToArray());
        return null;
    }
}
