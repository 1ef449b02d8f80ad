using System.Security.Cryptography.X509Certificates;

namespace ImageGate.Sigstore.TrustRoot;

/// <summary>
/// A Fulcio CA or a timestamping authority: its chain ordered leaf to root (the last certificate is the trust
/// anchor) and the window in which it may be used.
/// </summary>
public sealed class CertificateAuthority
{
    public required string Uri { get; init; }

    public required string CommonName { get; init; }

    public required IReadOnlyList<X509Certificate2> Chain { get; init; }

    public required ValidityPeriod Validity { get; init; }

    public X509Certificate2 Root => Chain[^1];
}
