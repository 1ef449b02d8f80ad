using System.Formats.Asn1;

namespace ImageGate.Sigstore.Bundle;

/// <summary>Reads a certificate's issuer and subject names as DER, without building an X509Certificate2.</summary>
internal static class CertificateNames
{
    /// <summary>True when issuer and subject are the same name (a root); false also for bytes that do not parse.</summary>
    public static bool IsSelfIssued(byte[] der)
    {
        try
        {
            var tbs = new AsnReader(der, AsnEncodingRules.DER).ReadSequence().ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                tbs.ReadEncodedValue(); // version
            }
            tbs.ReadEncodedValue(); // serialNumber
            tbs.ReadEncodedValue(); // signature
            var issuer = tbs.ReadEncodedValue();
            tbs.ReadEncodedValue(); // validity
            var subject = tbs.ReadEncodedValue();
            return issuer.Span.SequenceEqual(subject.Span);
        }
        catch (AsnContentException)
        {
            return false;
        }
    }
}
