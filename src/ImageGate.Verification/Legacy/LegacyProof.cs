using System.Security.Cryptography.X509Certificates;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Certificates;
using ImageGate.Sigstore.Crypto;

namespace ImageGate.Verification.Legacy;

/// <summary>What steps 1–3 of §4.7 established about a layer's signer; the caller then checks signature and claims.</summary>
internal sealed class LegacyProof : IDisposable
{
    public required VerificationKey Key { get; init; }

    /// <summary>The keyless leaf (owned here), or null for a key-signed layer.</summary>
    public X509Certificate2? Leaf { get; init; }

    /// <summary>[leaf, intermediates..., root] from the trust root; empty for a key-signed layer.</summary>
    public IReadOnlyList<X509Certificate2> Chain { get; init; } = [];

    public CertificateIdentity? Identity { get; init; }

    /// <summary>The SAN that satisfied the policy (any of the certificate's SANs may, in the legacy path).</summary>
    public string? MatchedSan { get; init; }

    public List<VerifiedTimestamp> Times { get; } = [];

    public List<TlogEntry> Entries { get; } = [];

    /// <summary>§4.7 step 6 (keyless only), then the result carrying everything proven.</summary>
    public VerificationResult Finish(TimeProvider time, ReadOnlyMemory<byte>? statement = null, string? predicateType = null)
    {
        if (Leaf is not null && LegacyExpiry.Check(Chain, Times, time) is { } expired)
        {
            return VerificationResult.Failed(expired);
        }
        return new VerificationResult
        {
            SignerIdentity = MatchedSan,
            SignerIssuer = Identity?.LegacyIssuer,
            Certificate = Identity,
            Timestamps = Times,
            LogEntries = Entries,
            Statement = statement,
            PredicateType = predicateType,
        };
    }

    public void Dispose() => Leaf?.Dispose();
}
