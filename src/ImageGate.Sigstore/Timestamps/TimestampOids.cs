namespace ImageGate.Sigstore.Timestamps;

/// <summary>CMS (RFC 5652) and RFC 3161 object identifiers.</summary>
internal static class TimestampOids
{
    public const string SignedData = "1.2.840.113549.1.7.2";
    public const string TstInfo = "1.2.840.113549.1.9.16.1.4";
    public const string ContentTypeAttribute = "1.2.840.113549.1.9.3";
    public const string MessageDigestAttribute = "1.2.840.113549.1.9.4";
}
