namespace ImageGate.Oci;

/// <summary>Tag names derived from a subject digest: the OCI referrers tag and cosign's legacy tags.</summary>
public static class CosignTags
{
    /// <summary>
    /// distribution-spec "Referrers Tag Schema": <c>&lt;alg&gt;-&lt;ref&gt;</c>, the algorithm truncated to 32
    /// characters, the encoded part to 64, characters invalid in a tag replaced by '-'.
    /// </summary>
    public static string ReferrersTag(Digest subject) =>
        Sanitize(Truncate(subject.Algorithm, 32)) + "-" + Sanitize(Truncate(subject.Encoded, 64));

    /// <summary>cosign's legacy signature tag <c>sha256-&lt;hex&gt;.sig</c> (full hex, unlike the referrers tag).</summary>
    public static string SignatureTag(Digest subject) => $"{subject.Algorithm}-{subject.Encoded}.sig";

    /// <summary>cosign's legacy attestation tag <c>sha256-&lt;hex&gt;.att</c>.</summary>
    public static string AttestationTag(Digest subject) => $"{subject.Algorithm}-{subject.Encoded}.att";

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    private static string Sanitize(string s) => string.Create(s.Length, s, static (span, src) =>
    {
        for (var i = 0; i < src.Length; i++)
        {
            var c = src[i];
            span[i] = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '.' or '-' ? c : '-';
        }
    });
}
