using System.Text.Json;
using ImageGate.Sigstore.Formats;

namespace ImageGate.Sigstore.InToto;

/// <summary>
/// The in-toto statement inside a DSSE payload (§4.6): the artifact must be one of its subjects. The digest map
/// key is compared exactly ("sha256"); sha512 is used only for a subject that has no sha256. <c>_type</c> is not
/// checked (v0.1 and v1 both occur) and the subject <c>name</c> is ignored, as in sigstore-go.
/// Read with a forward-only reader: the predicate (a 1.5 MB SBOM, say) is skipped, never built into a DOM.
/// </summary>
internal static class StatementSubjects
{
    public const string InTotoPayloadType = "application/vnd.in-toto+json";

    public static Failure? Check(ReadOnlySpan<byte> statement, ArtifactPolicy artifact, out string? predicateType)
    {
        predicateType = null;
        var reader = new Utf8JsonReader(statement, new JsonReaderOptions { MaxDepth = Limits.MaxJsonDepth });
        var seen = new List<string>();
        int count = 0;
        bool hasSubjects = false;
        bool matched = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Malformed("the statement is not a JSON object");
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("predicateType"u8))
                {
                    if (predicateType is not null)
                    {
                        // Readers disagree on which duplicate wins; an ambiguous statement is refused.
                        return Malformed("predicateType appears twice");
                    }
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return Malformed("predicateType is not a string");
                    }
                    predicateType = reader.GetString();
                }
                else if (reader.ValueTextEquals("subject"u8))
                {
                    if (hasSubjects)
                    {
                        // Go's encoding/json would read only the last list; a match in another must not count.
                        return Malformed("subject appears twice");
                    }
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        return Malformed("the statement's subject is not a list");
                    }
                    hasSubjects = true;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (++count > Limits.MaxSubjects)
                        {
                            return new Failure(ReasonCodes.BundleLimitExceeded, $"the statement has more than {Limits.MaxSubjects} subjects");
                        }
                        var failure = ReadSubject(ref reader, out var algorithm, out var hex);
                        if (failure is not null)
                        {
                            return failure;
                        }
                        if (hex is null)
                        {
                            continue;
                        }
                        if (seen.Count < 3)
                        {
                            seen.Add($"{algorithm}:{ProtoJson.Truncate(hex, 72)}");
                        }
                        matched |= artifact.DigestWith(algorithm!) is { } expected && Hex.TryDecode(hex, out var bytes) && bytes.AsSpan().SequenceEqual(expected);
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException e)
        {
            return Malformed($"the statement is not valid JSON: {e.Message}");
        }
        if (!hasSubjects || count == 0)
        {
            return Malformed("the statement has no subjects");
        }
        return matched ? null : new Failure(ReasonCodes.SubjectMismatch,
            $"expected a statement subject with digest {artifact.DigestText}; found {(seen.Count == 0 ? "no sha256 or sha512 subject" : string.Join(", ", seen))}{(count > seen.Count ? $" ({count} subjects)" : string.Empty)}");
    }

    /// <summary>Reads one subject object; returns its sha256 digest, else its sha512 digest, else none.</summary>
    private static Failure? ReadSubject(ref Utf8JsonReader reader, out string? algorithm, out string? hex)
    {
        algorithm = null;
        hex = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return Malformed("a subject is not an object");
        }
        string? sha256 = null, sha512 = null;
        bool hasDigest = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("digest"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return Malformed("a subject's digest is not an object");
            }
            hasDigest = true;
            int digests = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (++digests > Limits.MaxDigestsPerSubject)
                {
                    return new Failure(ReasonCodes.BundleLimitExceeded, $"a subject has more than {Limits.MaxDigestsPerSubject} digests");
                }
                bool is256 = reader.ValueTextEquals("sha256"u8);
                bool is512 = reader.ValueTextEquals("sha512"u8);
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return Malformed("a subject digest is not a string");
                }
                if (is256)
                {
                    sha256 = reader.GetString();
                }
                else if (is512)
                {
                    sha512 = reader.GetString();
                }
            }
        }
        if (!hasDigest)
        {
            return Malformed("a subject has no digest map");
        }
        (algorithm, hex) = sha256 is not null ? ("sha256", sha256) : ("sha512", sha512);
        return null;
    }

    private static Failure Malformed(string message) => new(ReasonCodes.StatementMalformed, message);
}
