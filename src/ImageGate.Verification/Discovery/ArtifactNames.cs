namespace ImageGate.Verification.Discovery;

/// <summary>The stable names of sources and formats in reports, JSON output and telemetry.</summary>
public static class ArtifactNames
{
    public static string Source(ArtifactSource source) => source switch
    {
        ArtifactSource.ReferrersApi => "referrers-api",
        ArtifactSource.ReferrersTag => "referrers-tag",
        ArtifactSource.LegacyTag => "legacy-tag",
        _ => "layout",
    };

    public static string Format(ArtifactFormat format) => format switch
    {
        ArtifactFormat.Bundle => "bundle",
        ArtifactFormat.LegacySignature => "legacy-signature",
        _ => "legacy-attestation",
    };
}
