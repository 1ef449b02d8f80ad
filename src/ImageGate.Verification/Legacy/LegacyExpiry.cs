using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using ImageGate.Sigstore;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// §4.7 step 6, cosign's <c>CheckExpiry</c>: "leaf and chain certs must be valid at the TSA time and/or
/// integratedTime (inclusive). With neither present, at 'now'". The chain is the one validated against the trust
/// root, never the annotation's. This also enforces §4.2's "cert.NotBefore ≤ integratedTime ≤ cert.NotAfter".
/// </summary>
internal static class LegacyExpiry
{
    public static Failure? Check(IReadOnlyList<X509Certificate2> chain, IReadOnlyList<VerifiedTimestamp> times, TimeProvider time)
    {
        if (times.Count == 0)
        {
            return CheckAt(chain, time.GetUtcNow(), "the current time");
        }
        foreach (var verified in times)
        {
            string what = verified.Source == TimestampSource.TransparencyLog
                ? $"the integrated time from {verified.Authority}"
                : $"the RFC 3161 time from {verified.Authority}";
            var failure = CheckAt(chain, verified.Time, what);
            if (failure is not null)
            {
                return failure;
            }
        }
        return null;
    }

    private static Failure? CheckAt(IReadOnlyList<X509Certificate2> chain, DateTimeOffset at, string what)
    {
        for (int i = 0; i < chain.Count; i++)
        {
            var certificate = chain[i];
            var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
            var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            if (at < notBefore || at > notAfter)
            {
                string name = i == 0 ? "signing certificate" : $"chain certificate {i} ({certificate.Subject})";
                return new Failure(ReasonCodes.LegacyCertificateExpired,
                    $"expected the {name} to be valid at {what}, {Format(at)}; it is valid from {Format(notBefore)} to {Format(notAfter)}");
            }
        }
        return null;
    }

    private static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
