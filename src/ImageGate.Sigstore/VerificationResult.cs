using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Certificates;

namespace ImageGate.Sigstore;

/// <summary>The outcome of verifying one bundle: everything that was proven, or why it was refused.</summary>
public sealed class VerificationResult
{
    public Failure? Failure { get; init; }

    public bool IsVerified => Failure is null;

    /// <summary>The signer's SAN (keyless) or null (key-signed); on an identity mismatch, the SAN that was refused.</summary>
    public string? SignerIdentity { get; init; }

    public string? SignerIssuer { get; init; }

    /// <summary>Everything the signing certificate says about the signer (keyless bundles only).</summary>
    public CertificateIdentity? Certificate { get; init; }

    /// <summary>Times proven by a verified SET or a verified RFC 3161 timestamp.</summary>
    public IReadOnlyList<VerifiedTimestamp> Timestamps { get; init; } = [];

    /// <summary>The log entries whose proofs verified.</summary>
    public IReadOnlyList<TlogEntry> LogEntries { get; init; } = [];

    /// <summary>The DSSE payload bytes exactly as signed (the in-toto statement), for DSSE bundles.</summary>
    public ReadOnlyMemory<byte>? Statement { get; init; }

    public string? PredicateType { get; init; }

    public static VerificationResult Failed(Failure failure) => new() { Failure = failure };
}

public enum TimestampSource
{
    TransparencyLog,
    TimestampAuthority,
}

/// <summary>A time proven by a transparency-log SET (integrated time) or an RFC 3161 timestamp (genTime).</summary>
public sealed record VerifiedTimestamp(TimestampSource Source, DateTimeOffset Time, string Authority);
