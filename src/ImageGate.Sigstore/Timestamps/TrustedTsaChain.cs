using System.Diagnostics.CodeAnalysis;
using ImageGate.Sigstore.Certificates;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Timestamps;

/// <summary>
/// A TSA's trust-root chain split as sigstore-go splits it (§3): element 0 is the TSA leaf if it is not a CA,
/// the middle ones are intermediates, the last is the root.
/// </summary>
internal sealed class TrustedTsaChain
{
    private TrustedTsaChain(ParsedCertificate? leaf, List<ParsedCertificate> intermediates, ParsedCertificate root)
    {
        Leaf = leaf;
        Intermediates = intermediates;
        Root = root;
    }

    public ParsedCertificate? Leaf { get; }

    public IReadOnlyList<ParsedCertificate> Intermediates { get; }

    public ParsedCertificate Root { get; }

    public static bool TryCreate(CertificateAuthority authority, [NotNullWhen(true)] out TrustedTsaChain? chain, out string problem)
    {
        chain = null;
        problem = string.Empty;
        var parsed = new List<ParsedCertificate>(authority.Chain.Count);
        for (int i = 0; i < authority.Chain.Count; i++)
        {
            if (ParsedCertificate.TryGet(authority.Chain[i], out var certificate) is { } failure)
            {
                problem = $"certificate {i} of its chain does not parse: {failure.Message}";
                return false;
            }
            parsed.Add(certificate);
        }
        if (parsed.Count == 0)
        {
            problem = "its chain is empty";
            return false;
        }
        var root = parsed[^1];
        ParsedCertificate? leaf = parsed.Count > 1 && !parsed[0].IsCa ? parsed[0] : null;
        var intermediates = parsed.GetRange(leaf is null ? 0 : 1, parsed.Count - (leaf is null ? 1 : 2));
        chain = new TrustedTsaChain(leaf, intermediates, root);
        return true;
    }
}
