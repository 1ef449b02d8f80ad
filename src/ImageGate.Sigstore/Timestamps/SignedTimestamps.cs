using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Timestamps;

/// <summary>
/// §4.1 step 2, the RFC 3161 half of the observer timestamps. A token that verifies adds its genTime; one that
/// does not is ignored (as in sigstore-go) unless signed timestamps are required and none verifies. Each trusted
/// TSA counts once, however many tokens it signed (§4.3 rule 9), and a bundle that presents one token twice is
/// refused outright, as sigstore-python refuses it ("duplicate timestamp found"): a repeat can only be an attempt
/// to be counted twice.
/// </summary>
internal static class SignedTimestamps
{
    /// <summary>
    /// Adds one verified time per TSA to <paramref name="times"/>; <paramref name="verified"/> is how many TSAs, and
    /// <paramref name="firstRejection"/> why the first token that did not verify was refused (for the sentence of a
    /// threshold failure).
    /// </summary>
    public static Failure? Verify(
        IReadOnlyList<byte[]> tokens,
        ReadOnlySpan<byte> timestamped,
        IReadOnlyList<CertificateAuthority> authorities,
        List<VerifiedTimestamp> times,
        out int verified,
        out Failure? firstRejection)
    {
        verified = 0;
        firstRejection = null;
        var repeat = FindRepeat(tokens);
        if (repeat is { } r)
        {
            return new Failure(ReasonCodes.TimestampRepeated,
                $"expected each RFC 3161 timestamp once; found rfc3161Timestamps[{r.Second}] byte for byte the same as rfc3161Timestamps[{r.First}]");
        }
        List<CertificateAuthority>? counted = null;
        for (int i = 0; i < tokens.Count; i++)
        {
            if (Rfc3161Verifier.Verify(tokens[i], timestamped, authorities, out var genTime, out var authority) is { } rejected)
            {
                firstRejection ??= rejected;
                continue;
            }
            counted ??= [];
            if (counted.Exists(a => SameAuthority(a, authority!)))
            {
                continue;
            }
            counted.Add(authority!);
            times.Add(new VerifiedTimestamp(TimestampSource.TimestampAuthority, genTime, authority!.Uri));
            verified++;
        }
        return null;
    }

    /// <summary>The same trust-root entry, or two entries naming the same TSA URI (one authority, rotated keys).</summary>
    private static bool SameAuthority(CertificateAuthority a, CertificateAuthority b) =>
        ReferenceEquals(a, b) || (a.Uri.Length > 0 && string.Equals(a.Uri, b.Uri, StringComparison.Ordinal));

    private static (int First, int Second)? FindRepeat(IReadOnlyList<byte[]> tokens)
    {
        for (int j = 1; j < tokens.Count; j++)
        {
            for (int i = 0; i < j; i++)
            {
                if (tokens[i].AsSpan().SequenceEqual(tokens[j]))
                {
                    return (i, j);
                }
            }
        }
        return null;
    }
}
