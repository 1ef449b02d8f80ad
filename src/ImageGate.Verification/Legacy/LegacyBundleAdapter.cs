using System.Security.Cryptography;
using System.Text.Json;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Formats;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// A cosign legacy layer as the bundle it amounts to, so that it is verified by the one walk of
/// <see cref="BundleVerifier"/> (with <see cref="CosignLegacyOptions"/>). Only reading happens here, nothing is
/// verified:
/// <list type="bullet">
/// <item>a <c>.sig</c> layer is a message signature over the simple-signing payload (its digest SHA-256 of the exact
/// layer bytes, as hashedrekord logs it), signed by the certificate annotation's leaf (or a key, when there is none);</item>
/// <item>an <c>.att</c> layer is the DSSE envelope that the layer is, its exact bytes kept for the entry and the
/// timestamp that cover them;</item>
/// <item>the <c>bundle</c> annotation is one tlog entry with its SET and no inclusion proof, and the
/// <c>rfc3161timestamp</c> annotation is the one signed timestamp.</item>
/// </list>
/// </summary>
internal static class LegacyBundleAdapter
{
    /// <param name="payload">The <c>.sig</c> layer's exact bytes: the simple-signing payload as signed.</param>
    /// <param name="readTlog">False for cosign's <c>--insecure-ignore-tlog</c>: the bundle annotation is then not read.</param>
    public static Failure? FromSignatureLayer(ReadOnlyMemory<byte> payload, IReadOnlyDictionary<string, string> annotations, bool readTlog, out SigstoreBundle? bundle)
    {
        bundle = null;
        var failure = SignatureAnnotation.Read(annotations, out var signature);
        if (failure is not null)
        {
            return failure;
        }
        var message = new MessageSignature("SHA2_256", SHA256.HashData(payload.Span), signature);
        return Assemble(LegacyAnnotationKeys.SimpleSigningMediaType, annotations, readTlog, message, null, out bundle);
    }

    /// <param name="layer">The <c>.att</c> layer's exact bytes: the DSSE envelope JSON.</param>
    public static Failure? FromAttestationLayer(ReadOnlyMemory<byte> layer, IReadOnlyDictionary<string, string> annotations, bool readTlog, out SigstoreBundle? bundle)
    {
        bundle = null;
        var failure = ParseEnvelope(layer, out var envelope);
        if (failure is not null)
        {
            return failure;
        }
        return Assemble(LegacyAnnotationKeys.DsseMediaType, annotations, readTlog, null, envelope, out bundle);
    }

    private static Failure? Assemble(string mediaType, IReadOnlyDictionary<string, string> annotations, bool readTlog,
        MessageSignature? message, DsseEnvelope? envelope, out SigstoreBundle? bundle)
    {
        bundle = null;
        var failure = CertificateAnnotation.Read(annotations, out var certificate);
        if (failure is not null)
        {
            return failure;
        }
        var entries = new List<TlogEntry>(1);
        if (readTlog)
        {
            if (!annotations.TryGetValue(LegacyAnnotationKeys.Bundle, out var json) || string.IsNullOrWhiteSpace(json))
            {
                return new Failure(LegacyReasons.NoBundleAnnotation,
                    $"expected a Rekor bundle in annotation {LegacyAnnotationKeys.Bundle}; found none, and offline the log cannot be asked");
            }
            failure = RekorBundleAnnotation.TryParse(json, out var entry);
            if (failure is not null)
            {
                return failure;
            }
            entries.Add(entry!);
        }
        failure = TimestampAnnotation.Read(annotations, out var token);
        if (failure is not null)
        {
            return failure;
        }
        bundle = new SigstoreBundle
        {
            MediaType = mediaType,
            MinorVersion = 0,
            Certificate = certificate,
            // No certificate annotation: signed with a key (cosign sign --key), which only a key policy accepts.
            HasPublicKey = certificate is null,
            TlogEntries = entries,
            Rfc3161Timestamps = token is null ? [] : [token],
            MessageSignature = message,
            DsseEnvelope = envelope,
        };
        return null;
    }

    /// <summary>The layer as a DSSE envelope with exactly one signature, as a bundle's must have (cosign writes one).</summary>
    private static Failure? ParseEnvelope(ReadOnlyMemory<byte> layer, out DsseEnvelope? envelope)
    {
        envelope = null;
        DsseEnvelope parsed;
        try
        {
            using var doc = JsonDocument.Parse(layer, GoJson.Options);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new Failure(ReasonCodes.DsseMalformed, $"expected the layer to be a DSSE envelope JSON object; found {doc.RootElement.ValueKind}");
            }
            parsed = BundleParser.ParseEnvelope(doc.RootElement);
        }
        catch (JsonException e)
        {
            return new Failure(ReasonCodes.DsseMalformed, $"expected the layer to be a DSSE envelope; it is not valid JSON: {e.Message}");
        }
        catch (ProtoJsonException e)
        {
            return new Failure(ReasonCodes.DsseMalformed, $"expected the layer to be a DSSE envelope: {e.Message}");
        }
        if (parsed.Signatures.Count != 1)
        {
            return new Failure(ReasonCodes.DsseMalformed, $"expected the DSSE envelope to carry exactly one signature; found {parsed.Signatures.Count}");
        }
        envelope = new DsseEnvelope
        {
            PayloadType = parsed.PayloadType,
            Payload = parsed.Payload,
            Signatures = parsed.Signatures,
            Serialized = layer,
        };
        return null;
    }
}
