using System.Text.Json;
using ImageGate.Cli.Output;
using ImageGate.Verification.Report;

namespace ImageGate.Cli.Marker;

/// <summary>
/// The readiness marker: a small JSON record of what was verified, written only after a run succeeded. It is a
/// record, not a credential: the gate trusts it because only the init container writes it, before the main
/// container exists (architecture.md, "Readiness marker").
/// </summary>
internal static class ReadinessMarker
{
    public const int SchemaVersion = 1;

    public static byte[] Serialize(VerificationReport report)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", SchemaVersion);
            w.WriteString("image", report.ImageReference);
            w.WriteString("digest", report.Digest);
            w.WriteString("verifiedAt", report.Time);
            w.WriteString("trustRootDigest", report.TrustRootDigest);
            w.WriteStartObject("policy");
            w.WriteString("name", report.PolicyName);
            w.WriteString("digest", report.PolicyDigest);
            w.WriteEndObject();
            w.WriteStartArray("requirements");
            foreach (var r in report.Requirements)
            {
                var e = r.Evidence!;
                w.WriteStartObject();
                w.WriteString("name", r.Name);
                w.WriteString("predicateType", e.PredicateType);
                ReportWriter.WriteEvidence(w, e);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Deletes a stale marker before verification starts, so a failed run can never leave one behind.</summary>
    public static void RemoveStale(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // No directory, no stale marker; WriteAtomically creates it.
        }
    }

    /// <summary>Writes to a temporary file in the same directory, fsyncs it, then renames it over the target:
    /// a reader sees either no marker or a whole one.</summary>
    public static void WriteAtomically(string path, byte[] content)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Reads a marker for the gate; returns why it is not acceptable, or null.</summary>
    public static string? Check(string path, string? expectedDigest, out string? digest)
    {
        digest = null;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return $"no readiness marker at {path}: the image was not verified (did the imagegate init container run?)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot read the readiness marker {path}: {e.Message}";
        }
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            if (!root.TryGetProperty("schemaVersion", out var v) || v.ValueKind != JsonValueKind.Number || v.GetInt32() != SchemaVersion)
            {
                return $"the readiness marker {path} has an unsupported schemaVersion; expected {SchemaVersion}";
            }
            digest = root.TryGetProperty("digest", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            if (digest is null)
            {
                return $"the readiness marker {path} names no digest";
            }
            if (expectedDigest is not null && !string.Equals(digest, expectedDigest, StringComparison.Ordinal))
            {
                return $"the readiness marker {path} is for {digest}; expected {expectedDigest}";
            }
            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return $"the readiness marker {path} is not valid JSON: {e.Message}";
        }
    }
}
