namespace ImageGate.Verification.Legacy;

/// <summary>The image digest the legacy verifiers compare against: exactly <c>sha256:&lt;64 lower-case hex&gt;</c>.</summary>
internal static class ImageDigestText
{
    /// <summary>Misuse (a caller bug, not a verdict), so it throws.</summary>
    public static byte[] Parse(string imageDigest)
    {
        ArgumentNullException.ThrowIfNull(imageDigest);
        const string prefix = "sha256:";
        if (imageDigest.Length != prefix.Length + 64
            || !imageDigest.StartsWith(prefix, StringComparison.Ordinal)
            || imageDigest.AsSpan(prefix.Length).ContainsAnyExcept("0123456789abcdef"))
        {
            throw new ArgumentException($"expected an image digest \"sha256:<64 lower-case hex>\", got \"{GoJson.Truncate(imageDigest)}\"", nameof(imageDigest));
        }
        return Convert.FromHexString(imageDigest.AsSpan(prefix.Length));
    }
}
