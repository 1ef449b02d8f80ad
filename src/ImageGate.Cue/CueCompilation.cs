using System.Diagnostics.CodeAnalysis;

namespace ImageGate.Cue;

/// <summary>A compiled policy, or why the files could not be compiled.</summary>
public sealed class CueCompilation
{
    internal CueCompilation(CuePolicy? policy, CuePolicyError? error)
    {
        Policy = policy;
        Error = error;
    }

    public CuePolicy? Policy { get; }

    public CuePolicyError? Error { get; }

    [MemberNotNullWhen(true, nameof(Policy))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Policy is not null;
}
