using System.Text.Json;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Bundle;

namespace ImageGate.Verification.Provenance;

/// <summary>
/// An <c>.intoto.jsonl</c> file as the SLSA GitHub generators write it (docs/provenance.md §0): one JSON document a
/// line, blank lines ignored. A line is a Sigstore bundle (v0.1 to v0.3), verified offline; or a bare DSSE envelope,
/// which carries no certificate or log entry (slsa-verifier looks those up in Rekor online), so it is refused.
/// </summary>
public static class ProvenanceLines
{
    /// <summary>The non-blank lines, each trimmed; a failure when there is none.</summary>
    public static Failure? TrySplit(ReadOnlyMemory<byte> file, out IReadOnlyList<ReadOnlyMemory<byte>> lines)
    {
        var found = new List<ReadOnlyMemory<byte>>();
        lines = found;
        int start = 0;
        var span = file.Span;
        while (start <= span.Length)
        {
            int end = span[start..].IndexOf((byte)'\n');
            end = end < 0 ? span.Length : start + end;
            var line = Trim(file[start..end]);
            if (!line.IsEmpty)
            {
                found.Add(line);
            }
            start = end + 1;
        }
        return found.Count > 0 ? null : new Failure(ProvenanceReasons.Malformed, "the provenance file holds no line: expected one Sigstore bundle per line");
    }

    /// <summary>One line as a bundle; a bare DSSE envelope is <see cref="ProvenanceReasons.Unverifiable"/>.</summary>
    public static Failure? TryParse(ReadOnlyMemory<byte> line, int number, out SigstoreBundle? bundle)
    {
        bundle = null;
        if (IsBareEnvelope(line.Span))
        {
            return new Failure(ProvenanceReasons.Unverifiable,
                $"line {number} is a bare DSSE envelope, not a Sigstore bundle: it carries no certificate chain or transparency-log proof, which slsa-verifier fetches from Rekor online; offline it cannot be verified (regenerate the provenance with a slsa-github-generator release that writes bundles, v2 or later)");
        }
        var failure = BundleParser.TryParse(line, out bundle);
        return failure is null ? null : failure with { Message = $"line {number}: {failure.Message}" };
    }

    /// <summary>An object with <c>payloadType</c> and <c>signatures</c> at the top and no <c>mediaType</c>.</summary>
    private static bool IsBareEnvelope(ReadOnlySpan<byte> line)
    {
        bool payloadType = false, signatures = false, mediaType = false;
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = Limits.MaxJsonDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                payloadType |= reader.ValueTextEquals("payloadType"u8);
                signatures |= reader.ValueTextEquals("signatures"u8);
                mediaType |= reader.ValueTextEquals("mediaType"u8);
                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            return false;
        }
        return payloadType && signatures && !mediaType;
    }

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> line)
    {
        var span = line.Span;
        int start = 0, end = span.Length;
        while (start < end && IsSpace(span[start]))
        {
            start++;
        }
        while (end > start && IsSpace(span[end - 1]))
        {
            end--;
        }
        return line[start..end];
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
