using System.Formats.Asn1;

namespace ImageGate.Sigstore.Tests.Virtual;

/// <summary>Test-side precertificate reconstruction: the leaf's TBS without the SCT-list extension (RFC 6962 §3.2).</summary>
internal static class Precertificate
{
    private const string SctListOid = "1.3.6.1.4.1.11129.2.4.2";

    public static (byte[] Tbs, byte[] SctList) Split(byte[] certificateDer)
    {
        var tbsReader = new AsnReader(certificateDer, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        byte[] sctList = [];
        using (writer.PushSequence())
        {
            while (tbsReader.HasData)
            {
                var tag = tbsReader.PeekTag();
                if (!tag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 3)))
                {
                    writer.WriteEncodedValue(tbsReader.ReadEncodedValue().Span);
                    continue;
                }
                var extensions = tbsReader.ReadSequence(tag).ReadSequence();
                using (writer.PushSequence(tag))
                using (writer.PushSequence())
                {
                    while (extensions.HasData)
                    {
                        var raw = extensions.ReadEncodedValue();
                        var extension = new AsnReader(raw, AsnEncodingRules.DER).ReadSequence();
                        if (extension.ReadObjectIdentifier() == SctListOid)
                        {
                            if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
                            {
                                extension.ReadBoolean();
                            }
                            byte[] outer = extension.ReadOctetString();
                            sctList = new AsnReader(outer, AsnEncodingRules.DER).ReadOctetString();
                            continue;
                        }
                        writer.WriteEncodedValue(raw.Span);
                    }
                }
            }
        }
        return (writer.Encode(), sctList);
    }
}
