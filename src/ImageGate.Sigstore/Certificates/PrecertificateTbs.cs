using System.Formats.Asn1;

namespace ImageGate.Sigstore.Certificates;

/// <summary>
/// §4.5 step 4: the TBS the CT log signed is the final certificate's TBS with exactly the SCT-list extension
/// removed, every other byte kept; only the lengths of the Extensions SEQUENCE, its [3] wrapper and the TBS
/// SEQUENCE are re-encoded. (The precertificate's poison extension is not part of what RFC 6962 logs.)
/// </summary>
internal static class PrecertificateTbs
{
    public static byte[] Rebuild(ReadOnlyMemory<byte> tbs)
    {
        var reader = new AsnReader(tbs, AsnEncodingRules.DER);
        var fields = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true);
        using (writer.PushSequence())
        {
            while (fields.HasData)
            {
                if (!fields.PeekTag().HasSameClassAndValue(extensionsTag))
                {
                    writer.WriteEncodedValue(fields.ReadEncodedValue().Span);
                    continue;
                }
                var wrapper = fields.ReadSequence(extensionsTag);
                var list = wrapper.ReadSequence();
                wrapper.ThrowIfNotEmpty();
                var kept = new List<ReadOnlyMemory<byte>>();
                while (list.HasData)
                {
                    var encoded = list.ReadEncodedValue();
                    var oid = new AsnReader(encoded, AsnEncodingRules.DER).ReadSequence().ReadObjectIdentifier();
                    if (oid != X509Oids.SctList)
                    {
                        kept.Add(encoded);
                    }
                }
                // An Extensions list left empty is omitted, as Go's asn1 "optional,omitempty" marshals it.
                if (kept.Count == 0)
                {
                    continue;
                }
                using (writer.PushSequence(extensionsTag))
                using (writer.PushSequence())
                {
                    foreach (var extension in kept)
                    {
                        writer.WriteEncodedValue(extension.Span);
                    }
                }
            }
        }
        return writer.Encode();
    }
}
