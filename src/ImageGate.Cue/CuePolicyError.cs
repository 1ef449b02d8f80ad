namespace ImageGate.Cue;

/// <summary>
/// Why a CUE policy could not be used: a stable reason code (see <see cref="CueErrorCodes"/>) and a sentence naming
/// the construct, the file and the line. A policy with an error is a configuration error, never a pass.
/// </summary>
public sealed record CuePolicyError(string Code, string Message, string? File = null, int Line = 0)
{
    public override string ToString() =>
        File is null ? $"{Code}: {Message}" : Line > 0 ? $"{Code}: {File}:{Line}: {Message}" : $"{Code}: {File}: {Message}";
}
