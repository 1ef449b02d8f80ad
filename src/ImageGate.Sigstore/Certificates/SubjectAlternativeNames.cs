using System.Formats.Asn1;
using System.Net;

namespace ImageGate.Sigstore.Certificates;

/// <summary>Reads the GeneralNames of a SAN extension (RFC 5280 §4.2.1.6).</summary>
internal static class SubjectAlternativeNames
{
    /// <summary>
    /// Returns the names in cosign's legacy order (DNS, email, IP, URI, otherName; each kind in certificate
    /// order). Other GeneralName forms (directoryName, registeredID, ...) are ignored, as Go ignores them.
    /// </summary>
    public static List<SubjectAlternativeName> Read(ReadOnlyMemory<byte> extensionValue)
    {
        var dns = new List<SubjectAlternativeName>();
        var email = new List<SubjectAlternativeName>();
        var ip = new List<SubjectAlternativeName>();
        var uri = new List<SubjectAlternativeName>();
        var other = new List<SubjectAlternativeName>();
        var outer = new AsnReader(extensionValue, AsnEncodingRules.DER);
        var names = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        while (names.HasData)
        {
            var tag = names.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific)
            {
                throw new AsnContentException("a GeneralName must be context-specific");
            }
            switch (tag.TagValue)
            {
                case 0:
                    var otherName = names.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
                    string typeId = otherName.ReadObjectIdentifier();
                    var wrapped = otherName.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
                    otherName.ThrowIfNotEmpty();
                    if (typeId == FulcioOids.OtherNameSan)
                    {
                        other.Add(new(SubjectAlternativeNameKind.OtherName, wrapped.ReadCharacterString(UniversalTagNumber.UTF8String)));
                        wrapped.ThrowIfNotEmpty();
                    }
                    break;
                case 1:
                    email.Add(new(SubjectAlternativeNameKind.Email, names.ReadCharacterString(UniversalTagNumber.IA5String, tag)));
                    break;
                case 2:
                    dns.Add(new(SubjectAlternativeNameKind.Dns, names.ReadCharacterString(UniversalTagNumber.IA5String, tag)));
                    break;
                case 6:
                    uri.Add(new(SubjectAlternativeNameKind.Uri, names.ReadCharacterString(UniversalTagNumber.IA5String, tag)));
                    break;
                case 7:
                    ip.Add(new(SubjectAlternativeNameKind.IpAddress, FormatIp(names.ReadOctetString(tag))));
                    break;
                default:
                    names.ReadEncodedValue();
                    break;
            }
        }
        var all = new List<SubjectAlternativeName>(dns.Count + email.Count + ip.Count + uri.Count + other.Count);
        all.AddRange(dns);
        all.AddRange(email);
        all.AddRange(ip);
        all.AddRange(uri);
        all.AddRange(other);
        return all;
    }

    /// <summary>Go's net.IP.String(): dotted IPv4 (also for IPv4-mapped IPv6), RFC 5952 IPv6.</summary>
    private static string FormatIp(byte[] bytes)
    {
        if (bytes.Length != 4 && bytes.Length != 16)
        {
            throw new AsnContentException($"an iPAddress SAN must be 4 or 16 bytes, found {bytes.Length}");
        }
        var address = new IPAddress(bytes);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString();
    }
}
