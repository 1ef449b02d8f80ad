namespace ImageGate.Sigstore;

/// <summary>
/// Why a verification step refused its input: a stable reason code (see <see cref="ReasonCodes"/>) that drives
/// exit codes, span status and metrics, and a sentence saying what was expected and what was found.
/// </summary>
public sealed record Failure(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}
