using System.Text;

namespace ImageGate.Oci.Tests;

public sealed class DigestTests
{
    [Fact]
    public void Empty_config_digest_is_the_well_known_one() =>
        Assert.Equal("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", Digest.Compute("{}"u8).ToString());

    [Fact]
    public void Sha512_is_computed_and_matched()
    {
        var d = Digest.Compute("abc"u8, Digest.Sha512);
        Assert.Equal(128, d.Encoded.Length);
        Assert.True(Digest.Parse(d.ToString()).Matches(Encoding.ASCII.GetBytes("abc")));
        Assert.False(d.Matches("abd"u8));
    }

    [Theory]
    [InlineData("sha256:0123")]
    [InlineData("sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("sha384:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Rejects_malformed_or_unsupported(string value) => Assert.False(Digest.TryParse(value, out _));

    [Fact]
    public void Referrers_and_cosign_tags_follow_their_schemas()
    {
        var d = Digest.Parse("sha256:" + new string('b', 64));
        Assert.Equal("sha256-" + new string('b', 64), CosignTags.ReferrersTag(d));
        Assert.Equal("sha256-" + new string('b', 64) + ".sig", CosignTags.SignatureTag(d));
        Assert.Equal("sha256-" + new string('b', 64) + ".att", CosignTags.AttestationTag(d));
        var long512 = Digest.Parse("sha512:" + new string('c', 128));
        Assert.Equal("sha512-" + new string('c', 64), CosignTags.ReferrersTag(long512));
    }
}
