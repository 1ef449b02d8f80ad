using ImageGate.Cli.Reasons;
using ImageGate.Sigstore;

namespace ImageGate.Cli.Kubernetes;

/// <summary>
/// Reads the own Pod until a check is decided: an answer that is still pending (the kubelet posts a container's
/// imageID a moment after starting it) or an API that did not answer is asked again, every half second, until
/// <c>wait</c> is spent; then the last failure stands. Nothing passes on doubt.
/// </summary>
internal static class PodReader
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <param name="decide">Null when the pod proves what is asked; otherwise why not, and whether asking again may change it.</param>
    public static async Task<Failure?> DecideAsync(PodArguments arguments, Func<PodDocument, (Failure? Failure, bool Pending)> decide, TimeSpan wait,
        TimeProvider time, Func<string, string?> environment, HttpMessageHandler? handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(decide);
        ArgumentNullException.ThrowIfNull(time);
        if (ServiceAccount.TryLoad(arguments.ServiceAccountDirectory, environment, out var account) is { } unconfigured)
        {
            return unconfigured;
        }
        account = account! with { Namespace = arguments.Namespace ?? account.Namespace };
        using var client = new PodClient(account, handler);
        var deadline = time.GetTimestamp() + (long)(wait.TotalSeconds * time.TimestampFrequency);
        while (true)
        {
            var (pod, unavailable) = await client.GetAsync(arguments.PodName, cancellationToken).ConfigureAwait(false);
            var (failure, retry) = pod is null ? (unavailable, unavailable!.Code == PodReasons.ApiUnavailable) : decide(pod);
            if (failure is null || !retry || time.GetTimestamp() >= deadline)
            {
                return failure;
            }
            await Task.Delay(Interval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
