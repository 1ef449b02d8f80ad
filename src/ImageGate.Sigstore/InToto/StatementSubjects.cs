using System.Text.Json;
using ImageGate.Sigstore.Formats;

namespace ImageGate.Sigstore.InToto;

/// <summary>
/// The in-toto statement inside a DSSE payload (§4.6): the artifact must be one of its subjects. The digest map
/// key is compared exactly ("sha256"); sha512 is used only for a subject that has no sha256. <c>_type</c> is not
/// checked (v0.1 and v1 both occur) and the subject <c>name</c> is ignored, as in sigstore-go.
/// </summary>
public static class StatementSubjects
{
    public const string InTotoPayloadType = "application/vnd.in-toto+json";

    public static Failure? Check(ReadOnlySpan<byte> statement, ArtifactPolicy artifact, out string? predicateType)
    {
        predicateType = null;
        try
        {
            using var doc = JsonDocument.Parse(statement.ToArray(), new JsonDocumentOptions { MaxDepth = Limits.MaxJsonDepth });
            var top = doc.RootElement;
            if (top.ValueKind != JsonValueKind.Object)
            {
                return Malformed("the statement is not a JSON object");
            }
            if (top.TryGetProperty("predicateType", out var pt))
            {
                if (pt.ValueKind != JsonValueKind.String)
                {
                    return Malformed("predicateType is not a string");
                }
                predicateType = pt.GetString();
            }
            if (!top.TryGetProperty("subject", out var subjects) || subjects.ValueKind != JsonValueKind.Array)
            {
                return Malformed("the statement has no subject list");
            }
            int count = subjects.GetArrayLength();
            if (count == 0 || count > Limits.MaxSubjects)
            {
                return new Failure(count == 0 ? ReasonCodes.StatementMalformed : ReasonCodes.BundleLimitExceeded,
                    $"the statement has {count} subjects; expected 1 to {Limits.MaxSubjects}");
            }
            var seen = new List<string>();
            foreach (var subject in subjects.EnumerateArray())
            {
                if (subject.ValueKind != JsonValueKind.Object || !subject.TryGetProperty("digest", out var digests) || digests.ValueKind != JsonValueKind.Object)
                {
                    return Malformed("a subject has no digest map");
                }
                int n = 0;
                string? sha256 = null;
                string? sha512 = null;
                foreach (var d in digests.EnumerateObject())
                {
                    if (++n > Limits.MaxDigestsPerSubject)
                    {
                        return new Failure(ReasonCodes.BundleLimitExceeded, $"a subject has more than {Limits.MaxDigestsPerSubject} digests");
                    }
                    if (d.Value.ValueKind != JsonValueKind.String)
                    {
                        return Malformed($"subject digest \"{d.Name}\" is not a string");
                    }
                    if (d.Name == "sha256")
                    {
                        sha256 = d.Value.GetString();
                    }
                    else if (d.Name == "sha512")
                    {
                        sha512 = d.Value.GetString();
                    }
                }
                var (algorithm, hex) = sha256 is not null ? ("sha256", sha256) : ("sha512", sha512);
                if (hex is null)
                {
                    continue;
                }
                if (seen.Count < 3)
                {
                    seen.Add($"{algorithm}:{ProtoJson.Truncate(hex, 72)}");
                }
                if (artifact.DigestWith(algorithm) is { } expected && Hex.TryDecode(hex, out var bytes) && bytes.AsSpan().SequenceEqual(expected))
                {
                    return null;
                }
            }
            return new Failure(ReasonCodes.SubjectMismatch,
                $"expected a statement subject with digest {artifact.DigestText}; found {(seen.Count == 0 ? "no sha256 or sha512 subject" : string.Join(", ", seen))}{(count > seen.Count ? $" ({count} subjects)" : string.Empty)}");
        }
        catch (JsonException e)
        {
            return Malformed($"the statement is not valid JSON: {e.Message}");
        }
    }

    private static Failure Malformed(string message) => new(ReasonCodes.StatementMalformed, message);
}
