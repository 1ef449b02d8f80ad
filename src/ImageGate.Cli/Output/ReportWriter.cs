using System.Text.Json;
using ImageGate.Verification.Report;

namespace ImageGate.Cli.Output;

/// <summary>The two views of a verification report: a short human summary, and the full report as JSON.</summary>
internal static class ReportWriter
{
    public static void WriteText(VerificationReport report, TextWriter o)
    {
        o.WriteLine($"{(report.Verified ? "VERIFIED" : "REJECTED")} {report.ImageReference}");
        o.WriteLine($"  digest: {report.Digest} ({report.MediaType})");
        o.WriteLine($"  policy: {report.PolicyName} ({report.PolicyDigest[..19]}...), trust root {report.TrustRootDigest[..19]}...");
        foreach (var r in report.Requirements)
        {
            if (r.Evidence is { } e)
            {
                o.WriteLine($"  ok   {r.Name}: {e.PredicateType}");
                o.WriteLine($"       signed by {e.Identity ?? "the policy's key"}{(e.Issuer is null ? string.Empty : $" ({e.Issuer})")}");
                o.WriteLine($"       {e.Format} via {e.Source} {e.ArtifactDigest}{(e.LogIndex is { } i ? $", tlog index {i}" : string.Empty)}{Time(e)}");
            }
            else
            {
                o.WriteLine($"  FAIL {r.Name}: {r.Failure}");
            }
        }
        int ignored = report.Artifacts.Count(a => a.Verdict == "not-required");
        if (ignored > 0)
        {
            o.WriteLine($"  ({ignored} other artifact(s) found that no requirement asks for)");
        }
    }

    private static string Time(Evidence e) =>
        e.IntegratedTime is { } t ? $", logged {t:u}" : e.SignedTime is { } s ? $", timestamped {s:u}" : string.Empty;

    public static void WriteJson(VerificationReport report, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteBoolean("verified", report.Verified);
        w.WriteString("image", report.ImageReference);
        w.WriteString("digest", report.Digest);
        w.WriteString("mediaType", report.MediaType);
        w.WriteString("time", report.Time);
        WriteTrust(w, report);
        if (report.FirstFailure is { } failure)
        {
            WriteFailure(w, "failure", failure.Code, failure.Message);
        }
        w.WriteStartArray("requirements");
        foreach (var r in report.Requirements)
        {
            w.WriteStartObject();
            w.WriteString("name", r.Name);
            w.WriteString("kind", r.Kind == RequirementKind.Signature ? "signature" : "attestation");
            w.WriteString("predicateType", r.PredicateType);
            w.WriteString("signers", r.Signers);
            w.WriteBoolean("satisfied", r.Satisfied);
            if (r.Evidence is { } e)
            {
                w.WriteStartObject("evidence");
                w.WriteString("format", e.Format);
                WriteEvidence(w, e);
                w.WriteEndObject();
            }
            if (r.Failure is { } f)
            {
                WriteFailure(w, "failure", f.Code, f.Message);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("artifacts");
        foreach (var a in report.Artifacts)
        {
            w.WriteStartObject();
            w.WriteString("source", a.Source);
            w.WriteString("format", a.Format);
            w.WriteString("digest", a.Digest);
            w.WriteString("predicateType", a.PredicateType);
            w.WriteString("verdict", a.Verdict);
            w.WriteString("requirement", a.Requirement);
            if (a.Failure is { } f)
            {
                WriteFailure(w, "failure", f.Code, f.Message);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>What the verdict was reached against, written alike in the report and the readiness marker so that
    /// the two cannot name the trust root or the policy differently.</summary>
    public static void WriteTrust(Utf8JsonWriter w, VerificationReport report)
    {
        w.WriteString("trustRootDigest", report.TrustRootDigest);
        w.WriteStartObject("policy");
        w.WriteString("name", report.PolicyName);
        w.WriteString("digest", report.PolicyDigest);
        w.WriteEndObject();
    }

    /// <summary>The evidence fields the report and the readiness marker share.</summary>
    public static void WriteEvidence(Utf8JsonWriter w, Evidence e)
    {
        w.WriteString("identity", e.Identity);
        w.WriteString("issuer", e.Issuer);
        w.WriteString("source", e.Source);
        w.WriteString("artifactDigest", e.ArtifactDigest);
        if (e.LogIndex is { } index)
        {
            w.WriteNumber("logIndex", index);
        }
        if (e.IntegratedTime is { } integrated)
        {
            w.WriteString("integratedTime", integrated);
        }
        if (e.SignedTime is { } signed)
        {
            w.WriteString("signedTime", signed);
        }
    }

    public static void WriteError(Stream stream, string code, string message)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteBoolean("verified", false);
        WriteFailure(w, "failure", code, message);
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void WriteFailure(Utf8JsonWriter w, string name, string code, string message)
    {
        w.WriteStartObject(name);
        w.WriteString("code", code);
        w.WriteString("message", message);
        w.WriteEndObject();
    }
}
