using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageGate.Testing.VirtualSigstore;

/// <summary>
/// A bundle as a mutable JSON tree (tamper any field, then <see cref="ToBytes"/>) plus what went into it.
/// </summary>
public sealed class VirtualBundle
{
    public required JsonObject Json { get; init; }

    /// <summary>The Fulcio leaf, or null for a key-signed bundle.</summary>
    public X509Certificate2? Certificate { get; init; }

    public required SigningKey SignerKey { get; init; }

    /// <summary>The raw signature bytes (message signature or the DSSE signature).</summary>
    public required byte[] Signature { get; init; }

    /// <summary>The DSSE payload, or null for a message signature.</summary>
    public byte[]? Payload { get; init; }

    /// <summary>The artifact of a message signature, or null for DSSE.</summary>
    public byte[]? Artifact { get; init; }

    /// <summary>The canonicalized Rekor body that was logged, if any.</summary>
    public byte[]? Body { get; init; }

    public RekorV1Entry? RekorEntry { get; init; }

    public InclusionProofData? Proof { get; init; }

    public DateTimeOffset SignedAt { get; init; }

    public JsonObject VerificationMaterial => Json["verificationMaterial"]!.AsObject();

    public JsonObject TlogEntry => VerificationMaterial["tlogEntries"]![0]!.AsObject();

    public JsonObject InclusionProof => TlogEntry["inclusionProof"]!.AsObject();

    public JsonObject? DsseEnvelope => Json["dsseEnvelope"]?.AsObject();

    public JsonObject? MessageSignature => Json["messageSignature"]?.AsObject();

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(Json.ToJsonString());

    /// <summary>An independent copy to tamper with.</summary>
    public JsonObject CloneJson() => Json.DeepClone().AsObject();
}
