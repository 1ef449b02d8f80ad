namespace ImageGate.Verification.Provenance;

/// <summary>
/// Git URIs and refs as slsa-verifier reads them (docs/provenance.md §2): <c>git+https://github.com/o/r@refs/...</c>
/// splits at the first <c>@</c>; a ref is <c>refs/TYPE/NAME</c>.
/// </summary>
public static class GitRefs
{
    public const string HeadsType = "heads";
    public const string TagsType = "tags";

    /// <summary><c>github.com/o/r</c> becomes <c>git+https://github.com/o/r</c>; <c>https://x</c> becomes <c>git+https://x</c>.</summary>
    public static string Normalize(string uri) =>
        uri.StartsWith("git+", StringComparison.Ordinal) ? uri
        : uri.Contains("://", StringComparison.Ordinal) ? "git+" + uri
        : "git+https://" + uri;

    /// <summary>Splits a <c>git+</c> URI at its first <c>@</c>; false when it is not a git URI.</summary>
    public static bool TrySplit(string uri, out string repository, out string reference)
    {
        repository = reference = string.Empty;
        if (uri.Length == 0 || !uri.StartsWith("git+", StringComparison.Ordinal))
        {
            return false;
        }
        int at = uri.IndexOf('@', StringComparison.Ordinal);
        repository = at < 0 ? uri : uri[..at];
        reference = at < 0 ? string.Empty : uri[(at + 1)..];
        return true;
    }

    /// <summary>The type and name of <c>refs/TYPE/NAME</c>; an empty type when the ref has another shape.</summary>
    public static (string Type, string Name) Parse(string reference)
    {
        var parts = reference.Split('/', 3);
        return parts.Length < 3 || parts[0] != "refs" ? (string.Empty, reference) : (parts[1], parts[2]);
    }

    /// <summary>The name of a ref of <paramref name="type"/>, or null when the ref is of another type or unnamed.</summary>
    public static string? NameOf(string reference, string type)
    {
        var (actual, name) = Parse(reference);
        return actual == type && name.Length > 0 ? name : null;
    }
}
