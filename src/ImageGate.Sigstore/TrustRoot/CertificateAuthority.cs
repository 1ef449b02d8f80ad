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

    private IReadOnlyList<X509Certificate2>? _chain;
    private IReadOnlyList<byte[]>? _chainDer;

    /// <summary>The chain, leaf to root, loaded on first use from <see cref="ChainDer"/>: most runs touch one CA.</summary>
    public IReadOnlyList<X509Certificate2> Chain
    {
        get => _chain ??= (_chainDer ?? []).Select(X509CertificateLoader.LoadCertificate).ToList();
        init => _chain = value;
    }

    /// <summary>The DER certificates from the trust root (each checked to be one DER structure when parsed).</summary>
    public IReadOnlyList<byte[]> ChainDer
    {
        get => _chainDer ?? _chain!.Select(c => c.RawData).ToList();
        init => _chainDer = value;
    }

    public required ValidityPeriod Validity { get; init; }

    public X509Certificate2 Root => Chain[^1];
}
