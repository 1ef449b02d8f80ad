using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ImageGate.Testing.VirtualSigstore;

/// <summary>Small DER and certificate helpers shared by the virtual authorities.</summary>
public static class Der
{
    /// <summary>A positive random 16-byte serial number (high bit clear, first byte non-zero so DER keeps 16 bytes).</summary>
    public static byte[] RandomSerial()
    {
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }

    /// <summary>The tbsCertificate element of a DER certificate, as encoded.</summary>
    public static byte[] TbsCertificate(byte[] certificateDer)
    {
        var reader = new AsnReader(certificateDer, AsnEncodingRules.DER).ReadSequence();
        return reader.ReadEncodedValue().ToArray();
    }

    public static string CertificatePem(byte[] der) => PemEncoding.WriteString("CERTIFICATE", der) + "\n";

    public static byte[] Utf8String(string value)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteCharacterString(UniversalTagNumber.UTF8String, value);
        return writer.Encode();
    }

    public static byte[] OctetString(ReadOnlySpan<byte> value)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteOctetString(value);
        return writer.Encode();
    }

    /// <summary>An empty Name (SEQUENCE {}): Fulcio leaves have no subject, their identity is in the SAN.</summary>
    public static X500DistinguishedName EmptyName => new([0x30, 0x00]);

    /// <summary>DateTimeOffset truncated to whole seconds, as certificates and Rekor store times.</summary>
    public static DateTimeOffset WholeSeconds(DateTimeOffset t) => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds());
}
