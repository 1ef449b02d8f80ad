using ImageGate.Oci;

namespace ImageGate.Testing.Oci;

/// <summary>What the fake registry does wrong, for requests whose path contains <see cref="PathContains"/>, <see cref="Times"/> times.</summary>
public sealed record Fault(string PathContains, FaultKind Kind, int Times = 1)
{
    public int StatusCode { get; init; } = 503;

    public string? RetryAfter { get; init; }

    /// <summary>
    /// For <see cref="FaultKind.Redirect"/>: an absolute base (the request's path and query are appended, as a
    /// registry sends blob GETs to a storage host), or a relative Location sent as written.
    /// </summary>
    public Uri? RedirectTo { get; init; }

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

    /// <summary>Answer <see cref="Fault.StatusCode"/> (a 3xx) with a Location built from <see cref="Fault.RedirectTo"/>.</summary>
    Redirect,
}
