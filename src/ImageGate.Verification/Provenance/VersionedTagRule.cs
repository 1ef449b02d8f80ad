using ImageGate.Sigstore;

namespace ImageGate.Verification.Provenance;

/// <summary>
/// <c>--source-versioned-tag V</c> (docs/provenance.md §4): the build's tag, read as a semantic version (<c>v14.2</c>
/// is <c>v14.2.0</c>), has V's major; and V's minor when V gives one; and V's patch (prerelease included, build
/// ignored) when V gives one. <c>v14</c> accepts every v14.x.y, <c>v14.2</c> every v14.2.y, <c>v14.2.1</c> only that.
/// </summary>
public static class VersionedTagRule
{
    /// <summary>Whether <paramref name="expected"/> can be given at all; the CLI refuses anything else as a usage error.</summary>
    public static bool IsValidExpectation(string expected) => GoSemver.IsValid(expected);

    public static Failure? Check(ProvenanceStatement statement, string expected)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(expected);
        if (!GoSemver.IsValid(expected))
        {
            throw new ArgumentException($"\"{expected}\" is not a semantic version vMAJOR[.MINOR[.PATCH]]", nameof(expected));
        }
        var failure = TagRule.TryGetTag(statement, ProvenanceReasons.VersionedTagMismatch, $"expected a tag of version '{expected}'", out var tag);
        if (failure is not null)
        {
            return failure;
        }
        string canonical = GoSemver.Canonical(tag);
        if (canonical.Length == 0)
        {
            return Mismatch($"expected version '{expected}'; found tag '{tag}', not a semantic version");
        }
        if (GoSemver.Major(canonical) != GoSemver.Major(expected))
        {
            return Mismatch($"major version expected '{GoSemver.Major(expected)}', got '{GoSemver.Major(canonical)}' (tag '{tag}')");
        }
        if (Part(expected, 1) is { } minor && Part(canonical, 1) != minor)
        {
            return Mismatch($"minor version expected '{minor}', got '{Part(canonical, 1)}' (tag '{tag}')");
        }
        if (Part(expected, 2) is { } patch)
        {
            string build = GoSemver.Build(expected);
            patch = build.Length > 0 && patch.EndsWith(build, StringComparison.Ordinal) ? patch[..^build.Length] : patch;
            string found = Part(canonical, 2)!;
            if (found != patch)
            {
                return Mismatch($"patch version expected '{patch}', got '{found}' (tag '{tag}')");
            }
        }
        return null;
    }

    /// <summary>The <paramref name="index"/>th dot-separated part, as slsa-verifier splits a version; null when there is none.</summary>
    private static string? Part(string version, int index)
    {
        var parts = version.Split('.');
        return parts.Length > index ? parts[index] : null;
    }

    private static Failure Mismatch(string detail) =>
        new(ProvenanceReasons.VersionedTagMismatch, $"tag used to generate the binary does not match provenance: {detail}");
}
