using System.Text;
using System.Text.Json;
using ImageGate.Sigstore.Formats;

namespace ImageGate.Sigstore.Transparency;

/// <summary>
/// The fields of a Rekor entry body that bind it to a bundle, decoded per kind: Rekor v1 <c>hashedrekord</c>
/// 0.0.1, <c>dsse</c> 0.0.1, <c>intoto</c> 0.0.1 and 0.0.2; Rekor v2 <c>hashedrekord</c> 0.0.2.
/// </summary>
internal sealed class RekorBody
{
    public required string Kind { get; init; }

    public required string ApiVersion { get; init; }

    public bool IsRekorV2 => ApiVersion == "0.0.2" && Kind == "hashedrekord";

    /// <summary>The raw signature the entry logged; null where the kind does not log it (intoto 0.0.1).</summary>
    public byte[]? Signature { get; init; }

    /// <summary>DER of the logged certificate, or null when the entry logged a bare key.</summary>
    public byte[]? Certificate { get; init; }

    /// <summary>DER SPKI of the logged key, when the entry logged a bare key.</summary>
    public byte[]? PublicKey { get; init; }

    /// <summary>hashedrekord: the artifact digest (v1: hex-decoded; v2: the digest of the signed data).</summary>
    public HashValue? DataHash { get; init; }

    /// <summary>dsse / intoto: SHA-256 of the DSSE payload.</summary>
    public HashValue? PayloadHash { get; init; }

    /// <summary>dsse envelopeHash / intoto content.hash: over the envelope bytes as the client sent them.</summary>
    public HashValue? EnvelopeHash { get; init; }

    /// <summary>Rekor v2: the verifier's keyDetails.</summary>
    public string? KeyDetails { get; init; }

    public static Failure? TryParse(byte[] body, out RekorBody? parsed)
    {
        parsed = null;
        try
        {
            using var doc = JsonDocument.Parse(body, Limits.StrictJson);
            var top = doc.RootElement;
            if (top.ValueKind != JsonValueKind.Object)
            {
                return Malformed("the entry body is not a JSON object");
            }
            string kind = ProtoJson.String(top, "kind", "body");
            string version = ProtoJson.String(top, "apiVersion", "body");
            var spec = ProtoJson.Object(top, "spec", "body");
            parsed = (kind, version) switch
            {
                ("hashedrekord", "0.0.2") => HashedRekordV002(spec),
                ("hashedrekord", "0.0.1") => HashedRekordV001(spec),
                ("dsse", "0.0.1") => DsseV001(spec),
                ("intoto", "0.0.2") => IntotoV002(spec),
                ("intoto", "0.0.1") => IntotoV001(spec),
                _ => null,
            };
            return parsed is null ? Malformed($"unsupported entry type {kind} {version}") : null;
        }
        catch (JsonException e)
        {
            return Malformed($"the entry body is not valid JSON: {e.Message}");
        }
        catch (ProtoJsonException e)
        {
            return Malformed("entry " + e.Message);
        }
    }

    private static RekorBody HashedRekordV001(JsonElement spec)
    {
        var signature = ProtoJson.Object(spec, "signature", "spec");
        var (cert, key) = DecodePemVerifier(ProtoJson.String(ProtoJson.Object(signature, "publicKey", "spec.signature"), "content", "spec.signature.publicKey"));
        var hash = ProtoJson.Object(ProtoJson.Object(spec, "data", "spec"), "hash", "spec.data");
        return new RekorBody
        {
            Kind = "hashedrekord",
            ApiVersion = "0.0.1",
            Signature = ProtoJson.Bytes(signature, "content", "spec.signature"),
            Certificate = cert,
            PublicKey = key,
            DataHash = HexHash(hash, "spec.data.hash"),
        };
    }

    private static RekorBody HashedRekordV002(JsonElement spec)
    {
        var v2 = ProtoJson.Object(spec, "hashedRekordV002", "spec");
        var data = ProtoJson.Object(v2, "data", "spec.hashedRekordV002");
        var signature = ProtoJson.Object(v2, "signature", "spec.hashedRekordV002");
        var verifier = ProtoJson.Object(signature, "verifier", "spec.hashedRekordV002.signature");
        byte[]? cert = ProtoJson.TryGet(verifier, "x509Certificate", out var x) ? ProtoJson.Bytes(x, "rawBytes", "verifier.x509Certificate") : null;
        byte[]? key = ProtoJson.TryGet(verifier, "publicKey", out var k) ? ProtoJson.Bytes(k, "rawBytes", "verifier.publicKey") : null;
        if ((cert is null) == (key is null))
        {
            throw new ProtoJsonException("spec.hashedRekordV002.signature.verifier must hold exactly one of x509Certificate or publicKey");
        }
        return new RekorBody
        {
            Kind = "hashedrekord",
            ApiVersion = "0.0.2",
            Signature = ProtoJson.Bytes(signature, "content", "spec.hashedRekordV002.signature"),
            Certificate = cert,
            PublicKey = key,
            DataHash = new HashValue(ProtoAlgorithm(ProtoJson.String(data, "algorithm", "data")), ProtoJson.Bytes(data, "digest", "data")),
            KeyDetails = ProtoJson.OptionalString(verifier, "keyDetails", "verifier"),
        };
    }

    private static RekorBody DsseV001(JsonElement spec)
    {
        var signatures = ProtoJson.Array(spec, "signatures", "spec").ToList();
        if (signatures.Count == 0)
        {
            throw new ProtoJsonException("spec.signatures is empty");
        }
        var first = signatures[0];
        return Envelope("dsse", "0.0.1", DecodePemVerifier(ProtoJson.String(first, "verifier", "spec.signatures[0]")),
            ProtoJson.Bytes(first, "signature", "spec.signatures[0]"), spec, "spec", "envelopeHash");
    }

    private static RekorBody IntotoV002(JsonElement spec)
    {
        var content = ProtoJson.Object(spec, "content", "spec");
        var envelope = ProtoJson.Object(content, "envelope", "spec.content");
        var signatures = ProtoJson.Array(envelope, "signatures", "spec.content.envelope").ToList();
        if (signatures.Count == 0)
        {
            throw new ProtoJsonException("spec.content.envelope.signatures is empty");
        }
        // intoto 0.0.2 double-base64s the signature: base64 of the ASCII base64 text.
        var outer = ProtoJson.Bytes(signatures[0], "sig", "spec.content.envelope.signatures[0]");
        if (!Base64Lenient.TryDecode(Encoding.ASCII.GetString(outer), out var signature))
        {
            throw new ProtoJsonException("spec.content.envelope.signatures[0].sig is not base64 of a base64 signature");
        }
        return Envelope("intoto", "0.0.2", DecodePemVerifier(ProtoJson.String(signatures[0], "publicKey", "spec.content.envelope.signatures[0]")),
            signature, content, "spec.content", "hash");
    }

    private static RekorBody IntotoV001(JsonElement spec)
    {
        var content = ProtoJson.Object(spec, "content", "spec");
        return Envelope("intoto", "0.0.1", DecodePemVerifier(ProtoJson.String(spec, "publicKey", "spec")),
            null, content, "spec.content", "hash");
    }

    /// <summary>
    /// dsse and intoto log the same fields under different paths and names: one signature (none in intoto 0.0.1),
    /// its PEM verifier, and optional payload and envelope hashes held side by side in <paramref name="hashes"/>.
    /// The verifier comes first so that, as in each kind's reading order, a bad verifier is reported before a bad
    /// signature or hash.
    /// </summary>
    private static RekorBody Envelope(string kind, string version, (byte[]? Certificate, byte[]? Key) verifier,
        byte[]? signature, JsonElement hashes, string hashesPath, string envelopeHashName) => new()
    {
        Kind = kind,
        ApiVersion = version,
        Signature = signature,
        Certificate = verifier.Certificate,
        PublicKey = verifier.Key,
        PayloadHash = OptionalHexHash(hashes, "payloadHash", hashesPath),
        EnvelopeHash = OptionalHexHash(hashes, envelopeHashName, hashesPath),
    };

    /// <summary>Rekor v1 bodies hold base64 of a PEM block: a certificate, or a public key.</summary>
    private static (byte[]? Certificate, byte[]? Key) DecodePemVerifier(string base64Pem)
    {
        if (!Base64Lenient.TryDecode(base64Pem, out var pemBytes))
        {
            throw new ProtoJsonException("the logged verifier is not base64");
        }
        string pem = Encoding.UTF8.GetString(pemBytes);
        if (!System.Security.Cryptography.PemEncoding.TryFind(pem, out var fields))
        {
            throw new ProtoJsonException("the logged verifier is not a PEM block");
        }
        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        return pem[fields.Label] switch
        {
            "CERTIFICATE" => (der, null),
            "PUBLIC KEY" => (null, der),
            var label => throw new ProtoJsonException($"the logged verifier is a PEM \"{label}\"; expected CERTIFICATE or PUBLIC KEY"),
        };
    }

    private static HashValue? OptionalHexHash(JsonElement obj, string name, string path) =>
        ProtoJson.TryGet(obj, name, out var hash) ? HexHash(hash, path + "." + name) : null;

    private static HashValue HexHash(JsonElement hash, string path)
    {
        string algorithm = ProtoJson.String(hash, "algorithm", path);
        string value = ProtoJson.String(hash, "value", path);
        if (!Hex.TryDecode(value, out var bytes))
        {
            throw new ProtoJsonException($"{path}.value is not hex");
        }
        return new HashValue(algorithm.ToLowerInvariant(), bytes);
    }

    /// <summary>Protobuf HashAlgorithm enum names to in-toto's lower-case names.</summary>
    public static string ProtoAlgorithm(string name) => name switch
    {
        "SHA2_256" => "sha256",
        "SHA2_384" => "sha384",
        "SHA2_512" => "sha512",
        _ => name,
    };

    private static Failure Malformed(string message) => new(ReasonCodes.TlogBodyMalformed, message);
}

/// <summary>A digest with its lower-case algorithm name (<c>sha256</c>, ...).</summary>
internal sealed record HashValue(string Algorithm, byte[] Digest)
{
    public override string ToString() => $"{Algorithm}:{Convert.ToHexStringLower(Digest)}";
}
