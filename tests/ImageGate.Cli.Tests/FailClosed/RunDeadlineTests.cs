using ImageGate.Cli.Commands;

namespace ImageGate.Cli.Tests.FailClosed;

/// <summary>
/// --timeout bounds reads that cannot be cancelled (issue 9, item 5), and a timed-out run never commits its outputs.
/// The blocking work here waits on an event nobody sets until the test ends, as a stalled read would.
/// </summary>
public sealed class RunDeadlineTests
{
    [Fact]
    public async Task Work_that_blocks_without_a_token_is_answered_by_the_deadline_and_cannot_commit()
    {
        using var stuck = new ManualResetEventSlim();
        var deadline = new RunDeadline(TimeSpan.FromMilliseconds(200));
        bool? committed = null;
        var outcome = await deadline.RunAsync(
            () =>
            {
                stuck.Wait(TimeSpan.FromMinutes(1));
                committed = deadline.TryCommit();
                return Task.FromResult("finished");
            },
            () => "timed out",
            TestContext.Current.CancellationToken);
        Assert.Equal("timed out", outcome);
        stuck.Set();
        await Task.Delay(100, TestContext.Current.CancellationToken);
        for (int i = 0; i < 50 && committed is null; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        Assert.False(committed, "abandoned work must not write a marker");
    }

    [Fact]
    public async Task Work_that_committed_before_the_deadline_is_waited_for()
    {
        using var committed = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var deadline = new RunDeadline(TimeSpan.FromMilliseconds(200));
        var run = deadline.RunAsync(
            () =>
            {
                Assert.True(deadline.TryCommit());
                committed.Set();
                release.Wait(TimeSpan.FromMinutes(1));
                return Task.FromResult("verified");
            },
            () => "timed out",
            TestContext.Current.CancellationToken);
        committed.Wait(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        await Task.Delay(400, TestContext.Current.CancellationToken);
        release.Set();
        Assert.Equal("verified", await run);
    }

    [Fact]
    public async Task Work_within_the_deadline_returns_its_own_outcome()
    {
        var deadline = new RunDeadline(TimeSpan.FromSeconds(30));
        Assert.Equal("verified", await deadline.RunAsync(() => Task.FromResult("verified"), () => "timed out", TestContext.Current.CancellationToken));
    }
}
