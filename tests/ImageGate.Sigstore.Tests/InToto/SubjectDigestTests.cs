using System.Security.Cryptography;
using System.Text;
using ImageGate.Sigstore.InToto;

namespace ImageGate.Sigstore.Tests.InToto;

/// <summary>
/// Which digest of a subject is compared (§4.6): the artifact's own algorithm when the subject has it, else, with
/// the artifact's bytes known, sha256, then sha512, then sha384. One digest per subject, so a subject that names
/// the artifact under one algorithm and something else under another does not match by the convenient one.
/// </summary>
public sealed class SubjectDigestTests
{
    private static readonly byte[] Artifact = Encoding.UTF8.GetBytes("left-pad-1.3.0.tgz");

    private static byte[] Statement(string digestSet) =>
        Encoding.UTF8.GetBytes($"{{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{{\"name\":\"pkg:npm/left-pad@1.3.0\",\"digest\":{{{digestSet}}}}}],\"predicateType\":\"https://slsa.dev/provenance/v1\"}}");

    private static string Hex(byte[] digest) => Convert.ToHexStringLower(digest);

    private static string Wrong(byte[] digest)
    {
        var copy = (byte[])digest.Clone();
        copy[0] ^= 0xff;
        return Hex(copy);
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("sha384")]
    [InlineData("sha512")]
    public void A_digest_given_alone_matches_the_subjects_digest_of_that_algorithm(string algorithm)
    {
        var digest = algorithm switch { "sha256" => SHA256.HashData(Artifact), "sha384" => SHA384.HashData(Artifact), _ => SHA512.HashData(Artifact) };
        var policy = ArtifactPolicy.ForDigest(algorithm, digest);
        Assert.Null(StatementSubjects.Check(Statement($"\"{algorithm}\":\"{Hex(digest)}\""), policy, out _));
        Assert.Equal(ReasonCodes.SubjectMismatch, StatementSubjects.Check(Statement($"\"{algorithm}\":\"{Wrong(digest)}\""), policy, out _)?.Code);
    }

    [Fact]
    public void A_sha512_given_alone_is_compared_with_the_sha512_even_beside_a_sha256()
    {
        var policy = ArtifactPolicy.ForDigest("sha512", SHA512.HashData(Artifact));
        var both = $"\"sha256\":\"{Hex(SHA256.HashData(Artifact))}\",\"sha512\":\"{Hex(SHA512.HashData(Artifact))}\"";
        Assert.Null(StatementSubjects.Check(Statement(both), policy, out _));
        var wrong512 = $"\"sha256\":\"{Hex(SHA256.HashData(Artifact))}\",\"sha512\":\"{Wrong(SHA512.HashData(Artifact))}\"";
        Assert.Equal(ReasonCodes.SubjectMismatch, StatementSubjects.Check(Statement(wrong512), policy, out _)?.Code);
        // Only a sha256 in the subject: a sha512 given alone has nothing to compare with.
        Assert.Equal(ReasonCodes.SubjectMismatch, StatementSubjects.Check(Statement($"\"sha256\":\"{Hex(SHA256.HashData(Artifact))}\""), policy, out _)?.Code);
    }

    [Fact]
    public void With_the_artifact_known_a_subject_is_compared_by_one_digest_not_by_whichever_matches()
    {
        var policy = ArtifactPolicy.ForArtifact(Artifact);
        Assert.Null(StatementSubjects.Check(Statement($"\"sha512\":\"{Hex(SHA512.HashData(Artifact))}\""), policy, out _));
        Assert.Null(StatementSubjects.Check(Statement($"\"sha384\":\"{Hex(SHA384.HashData(Artifact))}\""), policy, out _));
        var mixed = $"\"sha256\":\"{Wrong(SHA256.HashData(Artifact))}\",\"sha512\":\"{Hex(SHA512.HashData(Artifact))}\"";
        Assert.Equal(ReasonCodes.SubjectMismatch, StatementSubjects.Check(Statement(mixed), policy, out _)?.Code);
    }
}
