using System.Security.Cryptography;

namespace ImageGate.Sigstore.TrustRoot;

/// <summary>
/// Every entry of a trust root with the state of its <c>validFor</c> window at a given time, and whether it can be
/// used at all (docs/trust-root.md §1): what <c>trust-root inspect</c> prints and what <c>verify</c> warns about.
/// A state is information, never a verdict: an expired CA still verifies signatures made while it was valid.
/// </summary>
public static class TrustRootEntries
{
    /// <summary>An entry whose window ends within this time is "expiring".</summary>
    public static readonly TimeSpan ExpiringWithin = TimeSpan.FromDays(30);

    public const string Valid = "valid";
    public const string NotYetValid = "not-yet-valid";
    public const string Expiring = "expiring";
    public const string Expired = "expired";

    /// <summary>CAs, transparency logs, CT logs, then timestamp authorities, each in the file's order.</summary>
    public static TrustRootEntry[] List(TrustedRoot root, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(root);
        var entries = new TrustRootEntry[root.CertificateAuthorities.Count + root.TransparencyLogs.Count + root.CtLogs.Count + root.TimestampAuthorities.Count];
        int i = 0;
        foreach (var ca in root.CertificateAuthorities)
        {
            entries[i++] = Authority(TrustRootEntry.CertificateAuthority, ca, now);
        }
        foreach (var log in root.TransparencyLogs)
        {
            entries[i++] = Log(TrustRootEntry.TransparencyLog, log, now);
        }
        foreach (var log in root.CtLogs)
        {
            entries[i++] = Log(TrustRootEntry.CtLog, log, now);
        }
        foreach (var tsa in root.TimestampAuthorities)
        {
            entries[i++] = Authority(TrustRootEntry.TimestampAuthority, tsa, now);
        }
        return entries;
    }

    public static string StateAt(ValidityPeriod validity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(validity);
        return validity.Start > now ? NotYetValid
            : validity.End is not { } end ? Valid
            : end < now ? Expired
            : end - now <= ExpiringWithin ? Expiring
            : Valid;
    }

    private static TrustRootEntry Authority(string kind, CertificateAuthority authority, DateTimeOffset now)
    {
        string? unusable = null;
        int? certificates = null;
        try
        {
            certificates = authority.Chain.Count;
        }
        catch (CryptographicException e)
        {
            unusable = "a certificate of its chain does not decode (" + e.Message + ")";
        }
        return new TrustRootEntry
        {
            Kind = kind,
            Name = authority.Uri,
            Detail = authority.CommonName,
            Certificates = certificates,
            Validity = authority.Validity,
            State = StateAt(authority.Validity, now),
            Unusable = unusable,
        };
    }

    private static TrustRootEntry Log(string kind, TransparencyLog log, DateTimeOffset now) => new()
    {
        Kind = kind,
        Name = log.BaseUrl,
        Detail = log.KeyDetails,
        LogId = log.LogIdHex,
        Validity = log.Validity,
        State = StateAt(log.Validity, now),
        Unusable = !log.KeySupported ? $"its key ({log.KeyDetails}) is of a type not supported here, so it can verify nothing"
            : log.Key is null ? $"its key ({log.KeyDetails}) does not import"
            : null,
    };
}

/// <summary>One entry of a trust root, as <see cref="TrustRootEntries"/> sees it.</summary>
public sealed class TrustRootEntry
{
    public const string CertificateAuthority = "certificate authority";
    public const string TransparencyLog = "transparency log";
    public const string CtLog = "CT log";
    public const string TimestampAuthority = "timestamp authority";

    /// <summary>One of the four kinds above.</summary>
    public required string Kind { get; init; }

    /// <summary>The CA's or TSA's <c>uri</c>, the log's <c>baseUrl</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The authority's subject common name, or the log's <c>keyDetails</c>.</summary>
    public required string Detail { get; init; }

    /// <summary>Hex of a log's <c>logId.keyId</c>; null for an authority.</summary>
    public string? LogId { get; init; }

    /// <summary>Certificates in an authority's chain; null for a log.</summary>
    public int? Certificates { get; init; }

    public required ValidityPeriod Validity { get; init; }

    /// <summary><see cref="TrustRootEntries.Valid"/>, <see cref="TrustRootEntries.NotYetValid"/>,
    /// <see cref="TrustRootEntries.Expiring"/> or <see cref="TrustRootEntries.Expired"/>.</summary>
    public required string State { get; init; }

    /// <summary>Why the entry can never verify anything, or null.</summary>
    public string? Unusable { get; init; }

    /// <summary>"certificate authority https://fulcio.sigstore.dev (sigstore)", for messages.</summary>
    public string Describe() => Detail.Length == 0 ? $"{Kind} {Name}" : $"{Kind} {Name} ({Detail})";
}
