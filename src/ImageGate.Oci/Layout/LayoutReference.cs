using System.Text.RegularExpressions;

namespace ImageGate.Oci.Layout;

/// <summary>
/// What an IMAGE argument names inside a layout: a digest, or a tag, with the repository it was written with
/// when it was a full reference. <c>v0.2.2</c> is a tag as written; <c>ghcr.io/org/image:v0.2.2</c> keeps
/// <c>ghcr.io/org/image</c> so a layout that records full image names can be held to it; a full reference
/// without a tag means <c>latest</c>, as for a registry; a digest (bare or after '@') decides alone.
/// </summary>
public sealed partial record LayoutReference
{
    private LayoutReference(string? repository, string? tag, Digest? digest)
    {
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>Normalised <c>registry/repository</c> (docker.io/library/... as docker spells it), or null for a bare tag or digest.</summary>
    public string? Repository { get; }

    /// <summary>The tag to look up; null when a digest names the image.</summary>
    public string? Tag { get; }

    public Digest? Digest { get; }

    public static LayoutReference Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Oci.Digest.TryParse(value, out var digest))
        {
            return new LayoutReference(null, null, digest);
        }
        if (IsTag(value))
        {
            return new LayoutReference(null, value, null);
        }
        if (!ImageReference.TryParse(value, out var reference, out var error))
        {
            throw new OciSourceException(SourceReason.BadInput, $"Expected a digest, a tag or an image reference to look up in the layout; {error}");
        }
        var repository = $"{reference.Registry}/{reference.Repository}";
        return reference.Digest is { } pinned
            ? new LayoutReference(repository, null, pinned)
            : new LayoutReference(repository, reference.Tag ?? "latest", null);
    }

    /// <summary>The distribution-spec tag grammar: a tag never holds '/', ':' or '@', so it cannot be mistaken for a reference.</summary>
    public static bool IsTag(string value) => TagPattern().IsMatch(value);

    public override string ToString() => Digest?.ToString() ?? (Repository is null ? Tag! : $"{Repository}:{Tag}");

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
