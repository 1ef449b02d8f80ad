namespace ImageGate.Oci.Tests.Support;

/// <summary>What the fake registry does wrong, for requests whose path contains <see cref="PathContains"/>, <see cref="Times"/> times.</summary>
public sealed record Fault(string PathContains, FaultKind Kind, int Times = 1)
{
    public int StatusCode { get; init; } = 503;

    public string? RetryAfter { get; init; }

    internal int Remaining = Times;
}

public enum FaultKind
{
    /// <summary>Answer <see cref="Fault.StatusCode"/> (with Retry-After when set).</summary>
    Status,

    /// <summary>Send headers and half the body, then stall until the client gives up.</summary>
    SlowBody,

    /// <summary>Declare the full Content-Length, send half, then end the response.</summary>
    TruncatedBody,

    /// <summary>Serve other bytes than those stored (a wrong digest).</summary>
    WrongContent,

    /// <summary>Serve a body far over every cap, without Content-Length.</summary>
    OversizedBody,
}
