using ImageGate.Re2;

namespace ImageGate.Re2.Tests;

/// <summary>The process-wide pattern cache. Other test classes compile hundreds of patterns and fill it, so these
/// tests run alone: in parallel, a flush between two calls would make them fail for the wrong reason.</summary>
[Collection(nameof(Re2RegexCacheTests))]
public sealed class Re2RegexCacheTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void The_same_pattern_is_compiled_once()
    {
        Assert.True(Re2Regex.TryCreate("^x[0-9]+$", Timeout, out var first, out _));
        Assert.True(Re2Regex.TryCreate("^x[0-9]+$", Timeout, out var second, out _));
        Assert.Same(first, second);
    }

    [Fact]
    public void A_full_cache_still_caches_the_pattern_in_use()
    {
        // More distinct patterns than the cache holds: a cache that stopped adding once full would compile
        // the pattern below afresh every time.
        for (var i = 0; i < 600; i++)
        {
            Assert.True(Re2Regex.TryCreate($"^fill{i}$", Timeout, out _, out _));
        }
        Assert.True(Re2Regex.TryCreate("^after-full$", Timeout, out var first, out _));
        Assert.True(Re2Regex.TryCreate("^after-full$", Timeout, out var second, out _));
        Assert.Same(first, second);
    }

    [Fact]
    public void A_different_timeout_is_a_different_regex()
    {
        Assert.True(Re2Regex.TryCreate("^t[0-9]+$", Timeout, out var first, out _));
        Assert.True(Re2Regex.TryCreate("^t[0-9]+$", TimeSpan.FromMilliseconds(300), out var second, out _));
        Assert.NotSame(first, second);
    }
}

[CollectionDefinition(nameof(Re2RegexCacheTests), DisableParallelization = true)]
public sealed class Re2RegexCacheCollection;
