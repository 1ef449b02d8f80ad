using System.Text.Encodings.Web;
using System.Text.Json;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Certificates;
using ImageGate.Verification.Discovery;
using ImageGate.Verification.Legacy;
using ImageGate.Verification.Report;

namespace ImageGate.Cli.Output;

/// <summary>
/// What cosign v3 prints after a successful verification (cmd/cosign/cli/verify/common.go PrintVerification), so
/// scripts written against cosign keep working: <c>verify</c> prints a JSON array of simple-signing payloads
/// (<c>-o json</c>) or each payload on its line (<c>-o text</c>); <c>verify-attestation</c> prints each verified DSSE
/// envelope on its line, for <c>jq -r .payload | base64 -d</c>. The header goes to stderr, as cosign's does. One
/// entry per requirement: the artifact that met it (ImageGate verifies no further candidates once one has).
/// </summary>
internal static class CosignOutput
{
    // Go's encoding/json leaves '+' and non-ASCII alone; the default encoder would write \u002B in media types.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void WriteHeader(TextWriter stderr, VerificationReport report)
    {
        bool keyless = report.Requirements.Any(r => r.Evidence?.Certificate is not null);
        bool logged = report.Requirements.Any(r => r.Evidence?.LogIndex is not null);
        stderr.WriteLine();
        stderr.WriteLine($"Verification for {report.ImageReference} --");
        stderr.WriteLine("The following checks were performed on each of these signatures:");
        stderr.WriteLine("  - The cosign claims were validated");
        if (logged)
        {
            stderr.WriteLine("  - Existence of the claims in the transparency log was verified offline");
        }
        stderr.WriteLine(keyless
            ? "  - The code-signing certificate was verified using trusted certificate authority certificates"
            : "  - The signatures were verified against the specified public key");
    }

    /// <summary><c>cosign verify -o json</c>: one simple-signing object per signature, in an array, after a blank line.</summary>
    public static void WriteSignatures(Stream stdout, VerificationReport report, DiscoveryResult discovery, string dockerReference)
    {
        using (var w = new Utf8JsonWriter(stdout, Options))
        {
            w.WriteStartArray();
            foreach (var (evidence, artifact) in Verified(report, discovery, RequirementKind.Signature))
            {
                WriteSimpleSigning(w, evidence, artifact, dockerReference);
            }
            w.WriteEndArray();
        }
        stdout.Write("\n"u8);
    }

    /// <summary><c>cosign verify -o text</c>: each payload as it was signed, one per line.</summary>
    public static void WriteSignaturePayloads(Stream stdout, VerificationReport report, DiscoveryResult discovery, string dockerReference)
    {
        foreach (var (evidence, artifact) in Verified(report, discovery, RequirementKind.Signature))
        {
            if (artifact.Format == ArtifactFormat.Bundle)
            {
                // cosign turns a bundle's statement into the simple-signing shape before printing it.
                using var w = new Utf8JsonWriter(stdout, Options);
                WriteSimpleSigning(w, evidence, artifact, dockerReference);
            }
            else
            {
                stdout.Write(artifact.Content.Span);
            }
            stdout.Write("\n"u8);
        }
    }

    /// <summary><c>cosign verify-attestation</c>: each verified envelope on its line.</summary>
    public static void WriteAttestations(Stream stdout, VerificationReport report, DiscoveryResult discovery)
    {
        foreach (var (_, artifact) in Verified(report, discovery, RequirementKind.Attestation))
        {
            if (artifact.Format == ArtifactFormat.LegacyAttestation)
            {
                // cosign prints the .att layer as stored: the envelope exactly as signed.
                stdout.Write(artifact.Content.Span);
            }
            else
            {
                using var w = new Utf8JsonWriter(stdout, Options);
                WriteEnvelope(w, artifact.Bundle!.DsseEnvelope!);
            }
            stdout.Write("\n"u8);
        }
    }

    private static IEnumerable<(Evidence, DiscoveredArtifact)> Verified(VerificationReport report, DiscoveryResult discovery, RequirementKind kind) =>
        from r in report.Requirements
        where r.Kind == kind && r.Evidence is not null
        let e = r.Evidence!
        select (e, discovery.Artifacts.First(a => a.Digest.ToString() == e.ArtifactDigest && ArtifactNames.Format(a.Format) == e.Format));

    /// <summary>The DSSE envelope as Go marshals sigstore's protobuf struct: payload, payloadType, signatures (keyid omitted when empty).</summary>
    private static void WriteEnvelope(Utf8JsonWriter w, DsseEnvelope envelope)
    {
        w.WriteStartObject();
        w.WriteBase64String("payload", envelope.Payload.Span);
        w.WriteString("payloadType", envelope.PayloadType);
        w.WriteStartArray("signatures");
        foreach (var signature in envelope.Signatures)
        {
            w.WriteStartObject();
            w.WriteBase64String("sig", signature.Signature);
            if (!string.IsNullOrEmpty(signature.KeyId))
            {
                w.WriteString("keyid", signature.KeyId);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// cosign's <c>payload.SimpleContainerImage</c>: for a legacy <c>.sig</c>, its signed payload with the certificate's
    /// subject, issuer and GitHub extensions and the Rekor bundle added under <c>optional</c>; for a bundle, the
    /// statement's subject digest, predicate type and subject annotations (cosign's transformOutput).
    /// </summary>
    private static void WriteSimpleSigning(Utf8JsonWriter w, Evidence evidence, DiscoveredArtifact artifact, string dockerReference)
    {
        string? reference = dockerReference, digest = null, type = null;
        var optional = new SortedDictionary<string, Action<Utf8JsonWriter>>(StringComparer.Ordinal);
        if (artifact.Format == ArtifactFormat.Bundle)
        {
            using var statement = JsonDocument.Parse(evidence.Statement!.Value);
            var subject = statement.RootElement.GetProperty("subject")[0];
            foreach (var d in subject.GetProperty("digest").EnumerateObject())
            {
                digest = $"{d.Name}:{d.Value.GetString()}";
            }
            type = statement.RootElement.GetProperty("predicateType").GetString();
            if (subject.TryGetProperty("annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Object)
            {
                foreach (var a in annotations.EnumerateObject())
                {
                    var value = a.Value.Clone();
                    optional[a.Name] = x => value.WriteTo(x);
                }
            }
        }
        else
        {
            using var payload = JsonDocument.Parse(artifact.Content);
            var critical = payload.RootElement.GetProperty("critical");
            reference = String(critical, "identity", "docker-reference");
            digest = String(critical, "image", "docker-manifest-digest");
            type = critical.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (payload.RootElement.TryGetProperty("optional", out var given) && given.ValueKind == JsonValueKind.Object)
            {
                foreach (var o in given.EnumerateObject())
                {
                    var value = o.Value.Clone();
                    optional[o.Name] = x => value.WriteTo(x);
                }
            }
            AddCertificate(optional, evidence.Certificate);
            AddRaw(optional, "Bundle", artifact.LayerAnnotations, LegacyAnnotationKeys.Bundle);
            AddRaw(optional, "RFC3161Timestamp", artifact.LayerAnnotations, LegacyAnnotationKeys.Rfc3161Timestamp);
        }
        w.WriteStartObject();
        w.WriteStartObject("critical");
        w.WriteStartObject("identity");
        w.WriteString("docker-reference", reference);
        w.WriteEndObject();
        w.WriteStartObject("image");
        w.WriteString("docker-manifest-digest", digest);
        w.WriteEndObject();
        w.WriteString("type", type);
        w.WriteEndObject();
        if (optional.Count == 0)
        {
            w.WriteNull("optional");
        }
        else
        {
            w.WriteStartObject("optional");
            foreach (var (name, write) in optional)
            {
                w.WritePropertyName(name);
                write(w);
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static string? String(JsonElement parent, string outer, string inner) =>
        parent.TryGetProperty(outer, out var o) && o.ValueKind == JsonValueKind.Object && o.TryGetProperty(inner, out var i) ? i.GetString() : null;

    /// <summary>cosign writes each GitHub extension under its name and its OID, and the legacy issuer under both too.</summary>
    private static void AddCertificate(SortedDictionary<string, Action<Utf8JsonWriter>> optional, CertificateIdentity? certificate)
    {
        if (certificate is null)
        {
            return;
        }
        string subject = certificate.SubjectAlternativeName ?? string.Empty;
        optional["Subject"] = x => x.WriteStringValue(subject);
        if (certificate.LegacyIssuer is { } issuer)
        {
            optional["Issuer"] = x => x.WriteStringValue(issuer);
            optional[FulcioOids.Issuer] = x => x.WriteStringValue(issuer);
        }
        foreach (var (name, oid) in GitHubExtensions)
        {
            if (certificate.Extensions.TryGetValue(oid, out var value) && value.Length > 0)
            {
                optional[name] = x => x.WriteStringValue(value);
                optional[oid] = x => x.WriteStringValue(value);
            }
        }
    }

    private static readonly (string Name, string Oid)[] GitHubExtensions =
    [
        ("githubWorkflowTrigger", FulcioOids.GithubWorkflowTrigger), ("githubWorkflowSha", FulcioOids.GithubWorkflowSha),
        ("githubWorkflowName", FulcioOids.GithubWorkflowName), ("githubWorkflowRepository", FulcioOids.GithubWorkflowRepository),
        ("githubWorkflowRef", FulcioOids.GithubWorkflowRef),
    ];

    /// <summary>An annotation holding JSON cosign wrote (the Rekor bundle, the RFC 3161 timestamp), repeated as it is.</summary>
    private static void AddRaw(SortedDictionary<string, Action<Utf8JsonWriter>> optional, string name, IReadOnlyDictionary<string, string>? annotations, string key)
    {
        if (annotations is not null && annotations.TryGetValue(key, out var json))
        {
            try
            {
                using var parsed = JsonDocument.Parse(json);
                var value = parsed.RootElement.Clone();
                optional[name] = x => value.WriteTo(x);
            }
            catch (JsonException)
            {
                // Verified layers carry well-formed annotations; an odd one is left out of the echo, not fatal.
            }
        }
    }
}
