namespace ImageGate.Sigstore.TrustRoot;

/// <summary>A trust-root <c>validFor</c> window: closed at both ends; no end means open-ended.</summary>
public sealed record ValidityPeriod(DateTimeOffset Start, DateTimeOffset? End)
{
    public bool Contains(DateTimeOffset time) => Start <= time && (End is null || time <= End.Value);

    public override string ToString() => $"[{Start:O}, {(End is null ? "open" : End.Value.ToString("O"))}]";
}
