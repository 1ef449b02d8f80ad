using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Testing.Pmg;

/// <summary>Single, targeted breakages of signed material, for <see cref="ArtifactKnobs.TamperBundle"/> and <see cref="ArtifactKnobs.TamperLayer"/>.</summary>
public static class PmgTamper
{
    /// <summary>Flips one bit of the Rekor SET (inclusionPromise.signedEntryTimestamp).</summary>
    public static void FlipSet(JsonObject bundle) =>
        FlipBase64(Entry(bundle)["inclusionPromise"]!.AsObject(), "signedEntryTimestamp");

    /// <summary>Flips one bit of the SET in a legacy layer's <c>dev.sigstore.cosign/bundle</c> annotation (its only log proof).</summary>
    public static LegacyLayer FlipLegacySet(LegacyLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var annotation = JsonNode.Parse(layer.Annotations[LegacyLayer.BundleAnnotation])!.AsObject();
        FlipBase64(annotation, "SignedEntryTimestamp");
        layer.Annotations[LegacyLayer.BundleAnnotation] = annotation.ToJsonString();
        return layer;
    }

    /// <summary>Flips one bit of the first audit-path hash: the proof no longer leads to the signed root.</summary>
    public static void BreakInclusionProof(JsonObject bundle)
    {
        var hashes = Entry(bundle)["inclusionProof"]!["hashes"]!.AsArray();
        byte[] first = Convert.FromBase64String(hashes[0]!.GetValue<string>());
        first[0] ^= 0x01;
        hashes[0] = Convert.ToBase64String(first);
    }

    /// <summary>
    /// Replaces the DSSE payload with an edited statement (same signature): what an attacker who rewrites the
    /// subject annotations or predicate after signing produces.
    /// </summary>
    public static void TamperPayload(JsonObject bundle, Action<JsonObject> edit)
    {
        var envelope = bundle["dsseEnvelope"]!.AsObject();
        var statement = JsonNode.Parse(Convert.FromBase64String(envelope["payload"]!.GetValue<string>()))!.AsObject();
        edit(statement);
        envelope["payload"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(statement.ToJsonString()));
    }

    /// <summary>
    /// The same DSSE envelope re-serialised (indented): still a valid, correctly signed envelope, but not the
    /// bytes whose hash Rekor logged (envelopeHash of the dsse 0.0.1 body).
    /// </summary>
    public static LegacyLayer ReserializeEnvelope(LegacyLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var envelope = JsonNode.Parse(layer.Payload)!;
        byte[] indented = Encoding.UTF8.GetBytes(envelope.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return new LegacyLayer
        {
            Payload = indented,
            MediaType = layer.MediaType,
            Annotations = layer.Annotations,
            Signature = layer.Signature,
            RekorEntry = layer.RekorEntry,
        };
    }

    private static JsonObject Entry(JsonObject bundle) => bundle["verificationMaterial"]!["tlogEntries"]![0]!.AsObject();

    private static void FlipBase64(JsonObject holder, string name)
    {
        byte[] bytes = Convert.FromBase64String(holder[name]!.GetValue<string>());
        bytes[bytes.Length / 2] ^= 0x01;
        holder[name] = Convert.ToBase64String(bytes);
    }
}
