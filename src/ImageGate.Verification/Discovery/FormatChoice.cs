namespace ImageGate.Verification.Discovery;

/// <summary>
/// Which storage formats count, as cosign's <c>--new-bundle-format</c> decides (cosign v3 verify.go): given true,
/// the referrer bundles if the image has any, else the legacy tags; given false, the legacy <c>.sig</c>/<c>.att</c>
/// tags only. Without the flag ImageGate counts every format.
/// </summary>
public enum FormatChoice
{
    /// <summary>No flag: bundles and legacy layers alike.</summary>
    All,

    /// <summary><c>--new-bundle-format</c>: the bundles; the legacy layers only when there is no bundle at all.</summary>
    BundlesElseLegacy,

    /// <summary><c>--new-bundle-format=false</c>: the legacy layers only.</summary>
    LegacyOnly,
}

public static class FormatFilter
{
    /// <summary>The discovery with only the artifacts that count; those left out stay named in
    /// <see cref="DiscoveryResult.NotCounted"/>, so a missing requirement can be traced to the choice rather than to the image.</summary>
    public static DiscoveryResult Apply(DiscoveryResult discovery, FormatChoice choice)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        bool anyBundle = discovery.Artifacts.Any(a => a.Format == ArtifactFormat.Bundle);
        bool Counts(DiscoveredArtifact a) => choice switch
        {
            FormatChoice.BundlesElseLegacy => anyBundle == (a.Format == ArtifactFormat.Bundle),
            FormatChoice.LegacyOnly => a.Format != ArtifactFormat.Bundle,
            _ => true,
        };
        var left = discovery.Artifacts.Where(a => !Counts(a)).ToList();
        if (left.Count == 0)
        {
            return discovery;
        }
        return discovery with
        {
            Artifacts = [.. discovery.Artifacts.Where(Counts)],
            NotCounted = left,
            NotCountedWhy = choice == FormatChoice.LegacyOnly
                ? "--new-bundle-format=false counts only the legacy .sig/.att tags"
                : "--new-bundle-format counts only the referrer bundles when the image has any",
        };
    }
}
