using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageGate.Testing.VirtualSigstore;

/// <summary>
/// The Rekor entry bodies a client proposes, as JSON objects (so a test can alter one before it is logged);
/// <see cref="Jcs"/> turns them into the canonicalized body bytes the log stores.
/// </summary>
public static class RekorBodies
{
    /// <summary>hashedrekord 0.0.1: data.hash {algorithm, hex value}, signature.content b64, publicKey.content b64(PEM).</summary>
    public static JsonObject HashedRekordV001(string algorithm, byte[] digest, byte[] signature, string verifierPem) => new()
    {
        ["apiVersion"] = "0.0.1",
        ["kind"] = "hashedrekord",
        ["spec"] = new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["hash"] = new JsonObject { ["algorithm"] = algorithm, ["value"] = Convert.ToHexStringLower(digest) },
            },
            ["signature"] = new JsonObject
            {
                ["content"] = Convert.ToBase64String(signature),
                ["publicKey"] = new JsonObject { ["content"] = B64(verifierPem) },
            },
        },
    };

    /// <summary>dsse 0.0.1: envelopeHash, payloadHash (hex SHA-256 of the decoded payload), signatures[{signature b64, verifier b64(PEM)}].</summary>
    public static JsonObject DsseV001(byte[] envelopeJson, byte[] payload, byte[] signature, string verifierPem) => new()
    {
        ["apiVersion"] = "0.0.1",
        ["kind"] = "dsse",
        ["spec"] = new JsonObject
        {
            ["envelopeHash"] = Sha256Hash(envelopeJson),
            ["payloadHash"] = Sha256Hash(payload),
            ["signatures"] = new JsonArray(new JsonObject
            {
                ["signature"] = Convert.ToBase64String(signature),
                ["verifier"] = B64(verifierPem),
            }),
        },
    };

    /// <summary>intoto 0.0.2: the envelope with payload and sig base64'd twice, publicKey b64(PEM), hash and payloadHash.</summary>
    public static JsonObject IntotoV002(byte[] envelopeJson, string payloadType, byte[] payload, byte[] signature, string verifierPem) => new()
    {
        ["apiVersion"] = "0.0.2",
        ["kind"] = "intoto",
        ["spec"] = new JsonObject
        {
            ["content"] = new JsonObject
            {
                ["envelope"] = new JsonObject
                {
                    ["payload"] = B64(Convert.ToBase64String(payload)),
                    ["payloadType"] = payloadType,
                    ["signatures"] = new JsonArray(new JsonObject
                    {
                        ["publicKey"] = B64(verifierPem),
                        ["sig"] = B64(Convert.ToBase64String(signature)),
                    }),
                },
                ["hash"] = Sha256Hash(envelopeJson),
                ["payloadHash"] = Sha256Hash(payload),
            },
        },
    };

    /// <summary>
    /// Rekor v2 hashedrekord 0.0.2: data {algorithm SHA2_*, digest b64}, signature {content, verifier {keyDetails,
    /// x509Certificate.rawBytes | publicKey.rawBytes}}.
    /// </summary>
    public static JsonObject HashedRekordV002(string algorithm, byte[] digest, byte[] signature, byte[]? certificateDer, byte[]? spki, string keyDetails)
    {
        var verifier = new JsonObject { ["keyDetails"] = keyDetails };
        if (certificateDer is not null)
        {
            verifier["x509Certificate"] = new JsonObject { ["rawBytes"] = Convert.ToBase64String(certificateDer) };
        }
        else
        {
            verifier["publicKey"] = new JsonObject { ["rawBytes"] = Convert.ToBase64String(spki!) };
        }
        return new JsonObject
        {
            ["apiVersion"] = "0.0.2",
            ["kind"] = "hashedrekord",
            ["spec"] = new JsonObject
            {
                ["hashedRekordV002"] = new JsonObject
                {
                    ["data"] = new JsonObject { ["algorithm"] = algorithm, ["digest"] = Convert.ToBase64String(digest) },
                    ["signature"] = new JsonObject { ["content"] = Convert.ToBase64String(signature), ["verifier"] = verifier },
                },
            },
        };
    }

    private static JsonObject Sha256Hash(byte[] data) => new()
    {
        ["algorithm"] = "sha256",
        ["value"] = Convert.ToHexStringLower(SHA256.HashData(data)),
    };

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
