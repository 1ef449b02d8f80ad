using ImageGate.Oci.Models;

namespace ImageGate.Oci.Layout;

/// <summary>
/// A name an index.json entry records for itself. <c>org.opencontainers.image.ref.name</c> is a bare tag
/// (image-layout.md; skopeo, oras, docker save) or a full reference (crane); <c>io.containerd.image.name</c>
/// is a full reference (containerd, docker save). <see cref="Repository"/> is null for a bare tag: that
/// layout says nothing about which repository the image came from.
/// </summary>
public sealed record RecordedName(string? Repository, string Tag, string AsWritten)
{
    /// <summary>Every usable name of <paramref name="entry"/>; names with no tag (digest-only references, bare repositories) cannot answer for a tag and are left out.</summary>
    public static IReadOnlyList<RecordedName> Of(Descriptor entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var names = new List<RecordedName>(2);
        if (entry.Annotation(AnnotationKeys.RefName) is { } refName)
        {
            if (LayoutReference.IsTag(refName))
            {
                names.Add(new RecordedName(null, refName, refName));
            }
            else if (Full(refName) is { } full)
            {
                names.Add(full);
            }
        }
        if (entry.Annotation(AnnotationKeys.ContainerdImageName) is { } imageName && Full(imageName) is { } containerd)
        {
            names.Add(containerd);
        }
        return names;
    }

    /// <summary>
    /// Whether this entry answers for <paramref name="wanted"/>: its tag must be one of the entry's tags, and when
    /// both the reference and the entry name a repository, one full name must carry both that repository and tag.
    /// </summary>
    public static bool Matches(IReadOnlyList<RecordedName> names, LayoutReference wanted)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(wanted);
        if (wanted.Repository is not null && names.Any(n => n.Repository is not null))
        {
            return names.Any(n => n.Repository == wanted.Repository && n.Tag == wanted.Tag);
        }
        return names.Any(n => n.Tag == wanted.Tag);
    }

    private static RecordedName? Full(string text) =>
        ImageReference.TryParse(text, out var reference, out _) && reference.Tag is { } tag && reference.Digest is null
            ? new RecordedName($"{reference.Registry}/{reference.Repository}", tag, text)
            : null;
}
