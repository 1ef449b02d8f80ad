using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageGate.Testing.VirtualSigstore;

/// <summary>in-toto v1 statements for tests (cosign's image signature predicate by default).</summary>
public static class InTotoStatements
{
    public const string CosignSignPredicate = "https://sigstore.dev/cosign/sign/v1";

    /// <summary>A statement whose only subject is SHA-256(<paramref name="artifact"/>).</summary>
    public static byte[] StatementFor(byte[] artifact, string predicateType = CosignSignPredicate) =>
        Statement([SHA256.HashData(artifact)], predicateType);

    /// <summary>A statement with one subject per digest (sha256), in order.</summary>
    public static byte[] Statement(IReadOnlyList<byte[]> sha256Digests, string predicateType = CosignSignPredicate)
    {
        var subjects = new JsonArray();
        for (int i = 0; i < sha256Digests.Count; i++)
        {
            subjects.Add((JsonNode)new JsonObject
            {
                ["name"] = $"artifact-{i}",
                ["digest"] = new JsonObject { ["sha256"] = Convert.ToHexStringLower(sha256Digests[i]) },
            });
        }
        var statement = new JsonObject
        {
            ["_type"] = "https://in-toto.io/Statement/v1",
            ["subject"] = subjects,
            ["predicateType"] = predicateType,
            ["predicate"] = new JsonObject(),
        };
        return Encoding.UTF8.GetBytes(statement.ToJsonString());
    }
}
