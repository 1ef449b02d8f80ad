using ImageGate.Sigstore;

namespace ImageGate.Verification.Provenance;

/// <summary>
/// The artifact is what was built (docs/provenance.md §3): its digest, as lower-case hex, equals the digest of the
/// same algorithm (sha256 for 64 hex digits, sha512 for 128) of one of the statement's subjects. The subject name is
/// not compared.
/// </summary>
public static class SubjectDigestRule
{
    public static Failure? Check(ProvenanceStatement statement, string expectedHex)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(expectedHex);
        string algorithm = $"sha{expectedHex.Length * 4}";
        if (statement.Subjects.Count == 0)
        {
            return new Failure(ProvenanceReasons.Malformed, "invalid DSSE envelope payload: the statement has no subjects");
        }
        var found = new List<string>();
        foreach (var subject in statement.Subjects)
        {
            if (subject.TryGetValue(algorithm, out var digest))
            {
                if (digest == expectedHex)
                {
                    return null;
                }
                found.Add($"{algorithm}:{digest}");
            }
        }
        return new Failure(ProvenanceReasons.ArtifactHashMismatch,
            $"artifact hash does not match provenance subject: expected {algorithm}:{expectedHex}; found {(found.Count == 0 ? $"no {algorithm} subject" : string.Join(", ", found.Take(3)))}{(found.Count > 3 ? $" ({found.Count} subjects)" : string.Empty)}");
    }
}
