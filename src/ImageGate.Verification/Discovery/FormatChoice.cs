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
    /// <summary>How the note on an artifact left out by the choice begins.</summary>
    public const string NotCounted = "not counted: ";

    /// <summary>The discovery with only the artifacts that count; each one left out is noted, so a missing
    /// requirement can be traced to the choice rather than to the image.</summary>
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
        var kept = discovery.Artifacts.Where(Counts).ToList();
        if (kept.Count == discovery.Artifacts.Count)
        {
            return discovery;
        }
        string why = choice == FormatChoice.LegacyOnly
            ? "--new-bundle-format=false counts only the legacy .sig/.att tags"
            : "--new-bundle-format counts only the referrer bundles when the image has any";
        var notes = discovery.Notes.Concat(discovery.Artifacts.Where(a => !Counts(a))
            .Select(a => new DiscoveryNote(a.Digest.ToString(), NotCounted + why)));
        return discovery with { Artifacts = kept, Notes = [.. notes] };
    }
}
