namespace ImageGate.Sigstore.TrustRoot;

/// <summary>A parsed <c>trusted_root.json</c>: everything offline verification may trust.</summary>
public sealed class TrustedRoot
{
    public required string MediaType { get; init; }

    public required IReadOnlyList<TransparencyLog> TransparencyLogs { get; init; }

    public required IReadOnlyList<CertificateAuthority> CertificateAuthorities { get; init; }

    public required IReadOnlyList<TransparencyLog> CtLogs { get; init; }

    public required IReadOnlyList<CertificateAuthority> TimestampAuthorities { get; init; }

    /// <summary>SHA-256 of the file's bytes, for reports and the readiness marker.</summary>
    public required string Sha256 { get; init; }

    public TransparencyLog? FindTransparencyLog(ReadOnlySpan<byte> logId)
    {
        foreach (var log in TransparencyLogs)
        {
            if (log.LogId.AsSpan().SequenceEqual(logId))
            {
                return log;
            }
        }
        return null;
    }

    public TransparencyLog? FindCtLog(ReadOnlySpan<byte> logId)
    {
        foreach (var log in CtLogs)
        {
            if (log.LogId.AsSpan().SequenceEqual(logId))
            {
                return log;
            }
        }
        return null;
    }
}
