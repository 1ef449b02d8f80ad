namespace ImageGate.Oci;

/// <summary>
/// Every failure of a registry or a layout. Rooted in <see cref="IOException"/> so callers that only
/// know "I/O failed" still catch it; <see cref="Reason"/> is a stable code from <see cref="SourceReason"/>
/// and the message says what was expected and what was found.
/// </summary>
public sealed class OciSourceException : IOException
{
    public OciSourceException(string reason, string message, Exception? inner = null)
        : base(message, inner)
    {
        Reason = reason;
    }

    public OciSourceException()
        : this(SourceReason.Unavailable, "The OCI source failed.")
    {
    }

    public OciSourceException(string message)
        : this(SourceReason.Unavailable, message)
    {
    }

    public OciSourceException(string message, Exception inner)
        : this(SourceReason.Unavailable, message, inner)
    {
    }

    /// <summary>A code from <see cref="SourceReason"/>.</summary>
    public string Reason { get; }

    /// <summary>The HTTP status that caused the failure, when there was one.</summary>
    public int? StatusCode { get; init; }

    /// <summary>True when trying again later may succeed (network, timeouts, throttling).</summary>
    public bool IsTransient => Reason == SourceReason.Unavailable;
}
