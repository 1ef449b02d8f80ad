using System.Security.Cryptography;

namespace ImageGate.Sigstore;

/// <summary>
/// What was signed: either the artifact's bytes, or only its digest (an image manifest digest, or a
/// <c>sha256:</c> given on the command line). Every verification requires one: there is no "any artifact".
/// </summary>
public sealed class ArtifactPolicy
{
    private ArtifactPolicy(string algorithm, byte[] digest, ReadOnlyMemory<byte>? artifact)
    {
        Algorithm = algorithm;
        Digest = digest;
        Artifact = artifact;
    }

    /// <summary>Lower-case algorithm name as in-toto spells it: <c>sha256</c>, <c>sha384</c> or <c>sha512</c>.</summary>
    public string Algorithm { get; }

    public byte[] Digest { get; }

    /// <summary>The artifact itself when known (needed for pure-Ed25519 message signatures).</summary>
    public ReadOnlyMemory<byte>? Artifact { get; }

    public string DigestText => $"{Algorithm}:{Convert.ToHexStringLower(Digest)}";

    public static ArtifactPolicy ForDigest(string algorithm, byte[] digest)
    {
        int expected = algorithm switch
        {
            "sha256" => 32,
            "sha384" => 48,
            "sha512" => 64,
            _ => throw new ArgumentException($"unsupported digest algorithm \"{algorithm}\"", nameof(algorithm)),
        };
        if (digest.Length != expected)
        {
            throw new ArgumentException($"a {algorithm} digest is {expected} bytes, not {digest.Length}", nameof(digest));
        }
        return new ArtifactPolicy(algorithm, digest, null);
    }

    public static ArtifactPolicy ForArtifact(ReadOnlyMemory<byte> artifact) =>
        new("sha256", SHA256.HashData(artifact.Span), artifact);

    /// <summary>The artifact's digest under another algorithm, when the artifact bytes are known.</summary>
    internal byte[]? DigestWith(string algorithm)
    {
        if (algorithm == Algorithm)
        {
            return Digest;
        }
        if (Artifact is not { } bytes)
        {
            return null;
        }
        return algorithm switch
        {
            "sha256" => SHA256.HashData(bytes.Span),
            "sha384" => SHA384.HashData(bytes.Span),
            "sha512" => SHA512.HashData(bytes.Span),
            _ => null,
        };
    }
}
