using System.Text.Json;
using ImageGate.Sigstore.Formats;

namespace ImageGate.Sigstore.InToto;

/// <summary>
/// The in-toto statement inside a DSSE payload (§4.6): the artifact must be one of its subjects. The digest map
/// key is compared exactly ("sha256"). Each subject is compared by the digest of the artifact's own algorithm
/// when it has one (a <c>sha512:</c> given for an npm tarball meets its sha512), else, when the artifact bytes
/// are known, by its sha256, then sha512, then sha384: one digest per subject, never "any of them". <c>_type</c>
/// is not checked (v0.1 and v1 both occur) and the subject <c>name</c> is ignored, as in sigstore-go.
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
                        var failure = ReadSubject(ref reader, out var digests);
                        if (failure is not null)
                        {
                            return failure;
                        }
                        var (algorithm, hex) = Choose(digests, artifact.Algorithm);
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
            $"expected a statement subject with digest {artifact.DigestText}; found {(seen.Count == 0 ? "no sha256, sha384 or sha512 subject" : string.Join(", ", seen))}{(count > seen.Count ? $" ({count} subjects)" : string.Empty)}");
    }

    /// <summary>The digests of one subject that can be compared: sha256, sha384 and sha512 (null when absent).</summary>
    private readonly record struct SubjectDigests(string? Sha256, string? Sha384, string? Sha512);

    /// <summary>The one digest a subject is compared by: the artifact's own algorithm if present, else sha256, sha512, sha384.</summary>
    private static (string? Algorithm, string? Hex) Choose(SubjectDigests digests, string artifactAlgorithm)
    {
        var own = artifactAlgorithm switch
        {
            "sha256" => digests.Sha256,
            "sha384" => digests.Sha384,
            "sha512" => digests.Sha512,
            _ => null,
        };
        if (own is not null)
        {
            return (artifactAlgorithm, own);
        }
        return digests.Sha256 is not null ? ("sha256", digests.Sha256)
            : digests.Sha512 is not null ? ("sha512", digests.Sha512)
            : digests.Sha384 is not null ? ("sha384", digests.Sha384)
            : (null, null);
    }

    /// <summary>Reads one subject object and the digests in it that can be compared.</summary>
    private static Failure? ReadSubject(ref Utf8JsonReader reader, out SubjectDigests found)
    {
        found = default;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return Malformed("a subject is not an object");
        }
        string? sha256 = null, sha384 = null, sha512 = null;
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
                int which = reader.ValueTextEquals("sha256"u8) ? 256 : reader.ValueTextEquals("sha384"u8) ? 384 : reader.ValueTextEquals("sha512"u8) ? 512 : 0;
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return Malformed("a subject digest is not a string");
                }
                switch (which)
                {
                    case 256:
                        sha256 = reader.GetString();
                        break;
                    case 384:
                        sha384 = reader.GetString();
                        break;
                    case 512:
                        sha512 = reader.GetString();
                        break;
                }
            }
        }
        if (!hasDigest)
        {
            return Malformed("a subject has no digest map");
        }
        found = new SubjectDigests(sha256, sha384, sha512);
        return null;
    }

    private static Failure Malformed(string message) => new(ReasonCodes.StatementMalformed, message);
}
