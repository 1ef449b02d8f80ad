using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ImageGate.Sigstore;
using ImageGate.Sigstore.TrustRoot;
using ImageGate.Sigstore.Tuf;

namespace ImageGate.Cli.Output;

/// <summary><c>trust-root inspect</c>'s two views (docs/trust-root.md §1): lines for people, one JSON object for scripts.</summary>
internal static class TrustRootReportWriter
{
    /// <summary>Entry kinds in print order, with their text heading and JSON array name.</summary>
    private static readonly string[] Kinds = [TrustRootEntry.CertificateAuthority, TrustRootEntry.TransparencyLog, TrustRootEntry.CtLog, TrustRootEntry.TimestampAuthority];
    private static readonly string[] Headings = ["certificate authorities (Fulcio)", "transparency logs (Rekor)", "CT logs", "timestamp authorities"];
    private static readonly string[] JsonNames = ["certificateAuthorities", "transparencyLogs", "ctLogs", "timestampAuthorities"];

    public static void WriteText(TextWriter o, string source, TrustedRoot root, TrustRootEntry[] entries, DateTimeOffset now, TufVerification? tuf)
    {
        o.WriteLine("trust root: " + source);
        o.WriteLine("  digest:     " + root.Sha256);
        o.WriteLine("  media type: " + root.MediaType);
        o.WriteLine("  checked at: " + TrustRootWarnings.TimeText(now));
        var counts = new int[4];
        for (int k = 0; k < Kinds.Length; k++)
        {
            o.WriteLine("  " + Headings[k] + ":");
            foreach (var e in entries)
            {
                if (e.Kind != Kinds[k])
                {
                    continue;
                }
                Count(e, counts);
                o.WriteLine("    " + e.Name + " (" + e.Detail + (e.LogId is { } id ? ", log id " + id : ", " + e.Certificates + " certificate(s)") + ")");
                o.WriteLine("      valid " + Start(e.Validity) + " .. " + End(e.Validity) + ": " + e.State + (e.Unusable is { } why ? ", UNUSABLE: " + why : string.Empty));
            }
        }
        o.WriteLine($"  {counts[0]} expired, {counts[1]} expiring within 30 days, {counts[2]} not yet valid, {counts[3]} unusable");
        if (tuf is not null)
        {
            o.WriteLine(tuf.Failure is { } failure
                ? "  tuf: FAILED " + failure
                : $"  tuf: the published trusted_root.json (root v{tuf.RootVersion} from pinned v{tuf.PinnedRootVersion}, timestamp v{tuf.TimestampVersion}, snapshot v{tuf.SnapshotVersion}, targets v{tuf.TargetsVersion})");
            foreach (var expired in tuf.Expired)
            {
                o.WriteLine("  tuf: " + expired);
            }
        }
    }

    public static void WriteJson(TextWriter o, string source, TrustedRoot root, TrustRootEntry[] entries, DateTimeOffset now, TufVerification? tuf)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            Text(w, "source", source);
            Text(w, "sha256", root.Sha256);
            Text(w, "mediaType", root.MediaType);
            Text(w, "checkedAt", TrustRootWarnings.TimeText(now));
            Number(w, "expiringWithinDays", 30);
            var counts = new int[4];
            for (int k = 0; k < Kinds.Length; k++)
            {
                w.WriteStartArray(JsonNames[k]);
                foreach (var e in entries)
                {
                    if (e.Kind == Kinds[k])
                    {
                        Count(e, counts);
                        WriteEntry(w, e);
                    }
                }
                w.WriteEndArray();
            }
            w.WriteStartObject("summary");
            Number(w, "expired", counts[0]);
            Number(w, "expiring", counts[1]);
            Number(w, "notYetValid", counts[2]);
            Number(w, "unusable", counts[3]);
            w.WriteEndObject();
            if (tuf is not null)
            {
                w.WriteStartObject("tuf");
                w.WriteBoolean("verified", tuf.Verified);
                Number(w, "pinnedRootVersion", tuf.PinnedRootVersion);
                Number(w, "rootVersion", tuf.RootVersion);
                Number(w, "timestampVersion", tuf.TimestampVersion);
                Number(w, "snapshotVersion", tuf.SnapshotVersion);
                Number(w, "targetsVersion", tuf.TargetsVersion);
                w.WriteStartArray("expired");
                foreach (var expired in tuf.Expired)
                {
                    w.WriteStringValue(expired);
                }
                w.WriteEndArray();
                WriteError(w, tuf.Failure);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        o.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    public static void WriteJsonError(TextWriter o, string source, Failure failure)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            Text(w, "source", source);
            WriteError(w, failure);
            w.WriteEndObject();
        }
        o.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteEntry(Utf8JsonWriter w, TrustRootEntry e)
    {
        bool log = e.LogId is not null;
        w.WriteStartObject();
        Text(w, log ? "baseUrl" : "uri", e.Name);
        Text(w, log ? "keyDetails" : "commonName", e.Detail);
        if (log)
        {
            Text(w, "logId", e.LogId);
        }
        else
        {
            Number(w, "certificates", e.Certificates ?? 0);
        }
        w.WriteStartObject("validFor");
        Text(w, "start", e.Validity.Start == DateTimeOffset.MinValue ? null : TrustRootWarnings.TimeText(e.Validity.Start));
        Text(w, "end", e.Validity.End is { } end ? TrustRootWarnings.TimeText(end) : null);
        w.WriteEndObject();
        Text(w, "state", e.State);
        Text(w, "unusable", e.Unusable);
        w.WriteEndObject();
    }

    private static void WriteError(Utf8JsonWriter w, Failure? failure)
    {
        if (failure is null)
        {
            return;
        }
        w.WriteStartObject("error");
        Text(w, "reason", failure.Code);
        Text(w, "message", failure.Message);
        w.WriteEndObject();
    }

    // One call per property instead of Utf8JsonWriter's inlined bodies: cold code, and the binary has a size budget.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Text(Utf8JsonWriter w, string name, string? value) => w.WriteString(name, value);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Number(Utf8JsonWriter w, string name, long value) => w.WriteNumber(name, value);

    /// <summary>Counts expired, expiring, not yet valid and unusable, the summary's order.</summary>
    private static void Count(TrustRootEntry e, int[] counts)
    {
        int state = Array.IndexOf([TrustRootEntries.Expired, TrustRootEntries.Expiring, TrustRootEntries.NotYetValid], e.State);
        if (state >= 0)
        {
            counts[state]++;
        }
        if (e.Unusable is not null)
        {
            counts[3]++;
        }
    }

    private static string Start(ValidityPeriod validity) =>
        validity.Start == DateTimeOffset.MinValue ? "from the start" : "from " + TrustRootWarnings.TimeText(validity.Start);

    private static string End(ValidityPeriod validity) => validity.End is { } end ? TrustRootWarnings.TimeText(end) : "open";
}
