using System.Security.Cryptography.X509Certificates;

namespace ImageGate.Sigstore.Certificates;

/// <summary>
/// cosign's <c>CheckExpiry</c> (§4.7 step 6), for a chain validated once at the leaf's NotBefore: the leaf and
/// every certificate above it must be valid (inclusive) at each verified time. With the chain validated at each
/// verified time instead, as for a bundle, this holds already.
/// </summary>
internal static class ChainExpiry
{
    public static Failure? Check(IReadOnlyList<X509Certificate2> chain, IReadOnlyList<VerifiedTimestamp> times)
    {
        foreach (var time in times)
        {
            for (int i = 0; i < chain.Count; i++)
            {
                if (ParsedCertificate.TryGet(chain[i], out var parsed) is { } malformed)
                {
                    return malformed;
                }
                if (!parsed.ValidAt(time.Time))
                {
                    string which = i == 0 ? "signing certificate" : $"chain certificate {i} ({parsed.Describe()})";
                    return new Failure(ReasonCodes.CertificateUntrustedChain,
                        $"expected the {which} to be valid at the {Source(time)} {TimeText.Format(time.Time)}; it is valid from {TimeText.Format(parsed.NotBefore)} to {TimeText.Format(parsed.NotAfter)}");
                }
            }
        }
        return null;
    }

    private static string Source(VerifiedTimestamp time) => time.Source == TimestampSource.TransparencyLog
        ? $"integrated time from {time.Authority}"
        : $"RFC 3161 time from {time.Authority}";
}
