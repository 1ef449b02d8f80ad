namespace ImageGate.Sigstore.Bundle;

/// <summary>Bundle mediaType to version (sigstore-go getBundleVersion); v0.4 and later are refused.</summary>
public static class BundleMediaType
{
    private const string LegacyPrefix = "application/vnd.dev.sigstore.bundle+json;version=0.";
    private const string Prefix = "application/vnd.dev.sigstore.bundle.v0.";
    private const string Suffix = "+json";

    /// <summary>The minor version (1 to 3), or -1 for anything else.</summary>
    public static int MinorVersion(string mediaType)
    {
        if (mediaType.StartsWith(LegacyPrefix, StringComparison.Ordinal))
        {
            return Minor(mediaType.AsSpan(LegacyPrefix.Length));
        }
        if (mediaType.StartsWith(Prefix, StringComparison.Ordinal) && mediaType.EndsWith(Suffix, StringComparison.Ordinal))
        {
            var version = mediaType.AsSpan(Prefix.Length, mediaType.Length - Prefix.Length - Suffix.Length);
            // A semver patch component (v0.3.1) is allowed in the canonical form.
            int dot = version.IndexOf('.');
            if (dot >= 0)
            {
                var patch = version[(dot + 1)..];
                if (patch.Length == 0 || !IsDigits(patch))
                {
                    return -1;
                }
                version = version[..dot];
            }
            return Minor(version);
        }
        return -1;
    }

    public static string Name(int minor) => $"0.{minor}";

    private static int Minor(ReadOnlySpan<char> text) => text.Length == 1 && text[0] is >= '1' and <= '3' ? text[0] - '0' : -1;

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}
