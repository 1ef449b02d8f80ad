using System.Net;
using System.Net.Http.Headers;

namespace ImageGate.Oci.Registry;

/// <summary>Which failures are worth another attempt, and how long to wait first. Pure functions, tested without HTTP.</summary>
internal static class RetryPolicy
{
    /// <summary>Throttling and gateway failures are transient; other statuses are answers.</summary>
    public static bool IsRetryableStatus(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>
    /// Exponential back-off with "equal jitter" (half fixed, half random) so clients retrying together
    /// spread out; a server's Retry-After wins when it asks for longer.
    /// </summary>
    public static TimeSpan Delay(int failedAttempts, TimeSpan initial, TimeSpan max, TimeSpan? retryAfter, double random)
    {
        var exponent = Math.Min(failedAttempts - 1, 20);
        var ceiling = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, exponent));
        var backoff = TimeSpan.FromMilliseconds((ceiling / 2) + (ceiling / 2 * random));
        return retryAfter is { } after && after > backoff ? after : backoff;
    }

    /// <summary>Retry-After as delta-seconds or an HTTP date (RFC 9110 10.2.3); null when absent or in the past.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header is null)
        {
            return null;
        }
        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? null : delta;
        }
        if (header.Date is { } date)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }
}
