using System.Text.Json;
using ImageGate.Cli.Output;
using ImageGate.Oci.Files;
using ImageGate.Verification.Report;

namespace ImageGate.Cli.Marker;

/// <summary>
/// The readiness marker: a small JSON record of what was verified, written only after a run succeeded. It is a
/// record, not a credential: the gate trusts it because only the init container writes it, before the main
/// container exists (docs/marker.md).
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
            ReportWriter.WriteTrust(w, report);
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

    /// <summary>The gate reads at most this much: the marker is a few hundred bytes, and the gate must not be made to
    /// read a huge or endless file.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>
    /// Reads a marker for the gate; returns why it is not acceptable, or null. The marker must be a regular file
    /// (not a link, FIFO or device) of at most <see cref="MaxBytes"/>, hold every field <see cref="Serialize"/>
    /// writes, with no key twice, and name exactly <paramref name="expectedDigest"/>.
    /// </summary>
    public static string? Check(string path, string expectedDigest, out string? digest)
    {
        ArgumentException.ThrowIfNullOrEmpty(expectedDigest);
        digest = null;
        var refusal = BoundedFile.TryRead(path, "readiness marker", MaxBytes, followLinks: false, out var bytes, out var problem);
        if (refusal != FileRefusal.None)
        {
            return refusal == FileRefusal.Unreadable && !File.Exists(path) && !Directory.Exists(path)
                ? $"no readiness marker at {path}: the image was not verified (did the imagegate init container run?)"
                : problem;
        }
        try
        {
            using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 16 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"the readiness marker {path} is not a JSON object";
            }
            if (!root.TryGetProperty("schemaVersion", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int version) || version != SchemaVersion)
            {
                return $"the readiness marker {path} has an unsupported schemaVersion; expected {SchemaVersion}";
            }
            foreach (var field in new[] { "image", "digest", "verifiedAt", "trustRootDigest" })
            {
                if (!root.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
                {
                    return $"the readiness marker {path} has no {field}; expected every field imagegate verify writes";
                }
            }
            if (!root.TryGetProperty("policy", out var policy) || policy.ValueKind != JsonValueKind.Object
                || !policy.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String
                || !policy.TryGetProperty("digest", out var pd) || pd.ValueKind != JsonValueKind.String)
            {
                return $"the readiness marker {path} has no policy name and digest";
            }
            if (!root.TryGetProperty("requirements", out var requirements) || requirements.ValueKind != JsonValueKind.Array || requirements.GetArrayLength() == 0)
            {
                return $"the readiness marker {path} lists no verified requirements";
            }
            digest = root.GetProperty("digest").GetString();
            if (!string.Equals(digest, expectedDigest, StringComparison.Ordinal))
            {
                return $"the readiness marker {path} is for {digest}; expected {expectedDigest}";
            }
            return null;
        }
        catch (JsonException e)
        {
            return $"the readiness marker {path} is not valid JSON (or repeats a key): {e.Message}";
        }
    }
}
