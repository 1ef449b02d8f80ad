namespace ImageGate.Cli.Commands;

/// <summary>
/// <c>--timeout</c> as a bound on the whole run, not only on what takes a <see cref="CancellationToken"/>: a read that
/// cannot be cancelled (a stalled network filesystem under a layout, a trust root or a policy) must not hold the pod
/// past its deadline. The work runs on the thread pool; when the deadline passes first, the run answers with the
/// timeout outcome and the work is abandoned (the process exits soon after). Outputs (marker, SBOM, gate) are written
/// only after <see cref="TryCommit"/>: once the deadline has answered, the abandoned work can no longer commit, and once
/// the work has committed, the deadline waits for it, so a timed-out run never leaves a marker behind.
/// </summary>
internal sealed class RunDeadline(TimeSpan timeout)
{
    private readonly Lock _gate = new();
    private bool _abandoned;
    private bool _committed;

    /// <summary>True when the work may write its outputs; false when the deadline has already answered.</summary>
    public bool TryCommit()
    {
        lock (_gate)
        {
            _committed = !_abandoned;
            return _committed;
        }
    }

    public async Task<T> RunAsync<T>(Func<Task<T>> work, Func<T> onTimeout, CancellationToken cancellationToken)
    {
        var running = Task.Run(work, cancellationToken);
        try
        {
            return await running.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                _abandoned = !_committed;
            }
            return _abandoned ? onTimeout() : await running.ConfigureAwait(false);
        }
    }
}
