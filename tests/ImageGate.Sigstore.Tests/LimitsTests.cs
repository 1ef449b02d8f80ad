namespace ImageGate.Sigstore.Tests;

public sealed class LimitsTests
{
    [Fact]
    public void Tlog_entry_limit_matches_sigstore_go() => Assert.Equal(32, Limits.MaxTlogEntries);
}
