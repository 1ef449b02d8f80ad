using System.Text;
using ImageGate.Oci.Files;

namespace ImageGate.Verification.Policy;

/// <summary>
/// The files a policy names (the policy itself, its CUE files, its public keys), read as UTF-8 only when each is a
/// regular file within its cap. Any refusal is a policy error (exit 2): the policy cannot be evaluated as written.
/// </summary>
internal static class PolicyFiles
{
    /// <summary>An ImagePolicy document; real ones are a few kilobytes.</summary>
    public const long MaxPolicyBytes = 1024 * 1024;

    public const long MaxKeyBytes = 64 * 1024;

    public static long MaxCueBytes => Cue.CueLimits.Default.MaxPolicyBytes;

    /// <summary>The text, or null with the reason in <paramref name="problem"/>.</summary>
    public static string? TryReadText(string path, string what, long cap, out string problem)
    {
        var refusal = BoundedFile.TryRead(path, what, cap, followLinks: true, out var bytes, out problem);
        if (refusal != FileRefusal.None)
        {
            return null;
        }
        // As File.ReadAllText does: a UTF-8 byte-order mark is not part of the text.
        var span = bytes.AsSpan();
        return Encoding.UTF8.GetString(span.StartsWith(Encoding.UTF8.Preamble) ? span[Encoding.UTF8.Preamble.Length..] : span);
    }
}
