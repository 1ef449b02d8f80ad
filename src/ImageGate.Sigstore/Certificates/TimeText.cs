using System.Globalization;

namespace ImageGate.Sigstore.Certificates;

/// <summary>Times in failure sentences: UTC, RFC 3339, fractional seconds only when present.</summary>
internal static class TimeText
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
