namespace ImageGate.Testing.VirtualSigstore;

/// <summary>A clock that only moves when a test moves it, so every minted time is known in advance.</summary>
public sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public void Advance(TimeSpan by) => Now += by;

    public override DateTimeOffset GetUtcNow() => Now;
}
