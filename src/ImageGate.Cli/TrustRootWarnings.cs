using System.Globalization;
using ImageGate.Cli.Logging;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Cli;

/// <summary>
/// One warning event (docs/logging.md §3, id 10) for each trust-root entry that is expired, expires within 30 days or cannot be
/// used (docs/trust-root.md §1). Never a failure: each entry is used only inside its window; the warning tells the
/// operator to rotate the root before a signer's new CA or log is missing from it.
/// </summary>
internal static class TrustRootWarnings
{
    public static void Write(TrustedRoot root, DateTimeOffset now)
    {
        foreach (var entry in TrustRootEntries.List(root, now))
        {
            string? condition = entry.Unusable is { } why ? "is unusable: " + why
                : entry.State == TrustRootEntries.Expired ? "expired at " + TimeText(entry.Validity.End!.Value) + " (it still verifies what was signed before then)"
                : entry.State == TrustRootEntries.Expiring ? "expires at " + TimeText(entry.Validity.End!.Value) + ", within 30 days: rotate the trust root"
                : null;
            if (condition is not null)
            {
                Log.Logger.TrustRootEntry(entry.Describe(), condition);
            }
        }
    }

    /// <summary>RFC 3339 in UTC, fractional seconds only when present.</summary>
    public static string TimeText(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
