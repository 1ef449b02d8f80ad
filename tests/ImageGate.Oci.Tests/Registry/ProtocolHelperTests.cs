using System.Net.Http.Headers;
using System.Text;
using ImageGate.Oci.Registry;
using ImageGate.Oci.Registry.Auth;

namespace ImageGate.Oci.Tests.Registry;

public sealed class ProtocolHelperTests
{
    [Fact]
    public void Bearer_challenge_keeps_commas_inside_quoted_scope()
    {
        var c = AuthChallenge.Parse("Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull,push\"")!;
        Assert.Equal("Bearer", c.Scheme);
        Assert.Equal("https://auth.example/token", c.Parameter("realm"));
        Assert.Equal("registry.example", c.Parameter("service"));
        Assert.Equal("repository:a/b:pull,push", c.Parameter("scope"));
    }

    [Fact]
    public void Link_next_is_resolved_against_the_request_and_stays_on_host()
    {
        var request = new Uri("https://r.example/v2/a/referrers/sha256:x");
        Assert.Equal(new Uri("https://r.example/v2/a/referrers/sha256:x?n=2"),
            LinkHeader.Next(["</v2/a/referrers/sha256:x?n=2>; rel=\"next\""], request));
        Assert.Null(LinkHeader.Next(["<https://evil.example/v2/a?n=2>; rel=\"next\""], request));
        Assert.Null(LinkHeader.Next(["</prev>; rel=\"prev\""], request));
    }

    [Fact]
    public void Backoff_grows_is_capped_and_yields_to_retry_after()
    {
        var initial = TimeSpan.FromMilliseconds(100);
        var max = TimeSpan.FromSeconds(1);
        Assert.Equal(TimeSpan.FromMilliseconds(100), RetryPolicy.Delay(1, initial, max, null, 1.0));
        Assert.Equal(TimeSpan.FromMilliseconds(50), RetryPolicy.Delay(1, initial, max, null, 0.0));
        Assert.Equal(TimeSpan.FromMilliseconds(400), RetryPolicy.Delay(3, initial, max, null, 1.0));
        Assert.Equal(max, RetryPolicy.Delay(30, initial, max, null, 1.0));
        Assert.Equal(TimeSpan.FromSeconds(3), RetryPolicy.Delay(1, initial, max, TimeSpan.FromSeconds(3), 0.5));
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(TimeSpan.FromSeconds(7), RetryPolicy.RetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), now));
        Assert.Equal(TimeSpan.FromSeconds(10), RetryPolicy.RetryAfter(new RetryConditionHeaderValue(now.AddSeconds(10)), now));
        Assert.True(RetryPolicy.IsRetryableStatus(System.Net.HttpStatusCode.TooManyRequests));
        Assert.False(RetryPolicy.IsRetryableStatus(System.Net.HttpStatusCode.InternalServerError));
    }

    [Fact]
    public void Docker_config_and_dockerconfigjson_credentials_are_found_by_host()
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("bob:pa:ss"));
        var json = $"{{\"auths\":{{\"https://index.docker.io/v1/\":{{\"auth\":\"{auth}\"}},\"ghcr.io\":{{\"username\":\"u\",\"password\":\"p\"}},\"http://127.0.0.1:5000\":{{\"identitytoken\":\"refresh\"}}}},\"credsStore\":\"desktop\"}}";
        var store = CredentialStore.Parse(Encoding.UTF8.GetBytes(json), "test");
        Assert.Equal(new RegistryCredential("bob", "pa:ss"), store.Find("docker.io"));
        Assert.Equal("u", store.Find("ghcr.io")!.Username);
        Assert.Equal("refresh", store.Find("127.0.0.1:5000")!.IdentityToken);
        Assert.Null(store.Find("quay.io"));
        Assert.DoesNotContain("pa:ss", store.Find("docker.io")!.ToString(), StringComparison.Ordinal);
        var bad = Assert.Throws<OciSourceException>(() => CredentialStore.Parse("{\"auths\":{\"x\":{\"auth\":\"%%%\"}}}"u8, "test"));
        Assert.Equal(SourceReason.BadInput, bad.Reason);
    }
}
