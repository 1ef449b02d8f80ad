using ImageGate.Oci;
using ImageGate.Oci.Registry;
using ImageGate.Oci.Registry.Auth;
using ImageGate.Testing.Oci;
using ImageGate.Verification.Discovery;

namespace ImageGate.Verification.Tests.Discovery;

/// <summary>
/// Discovery pinned by digest sends its first requests side by side, before any 401 has been answered: each is
/// refused once and sent again with the header the first answer gave (Basic, or the one token fetched), never taken
/// for wrong credentials; a wrong password is still refused.
/// </summary>
public sealed class ConcurrentAuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DiscoveryResult> DiscoverPinnedAsync(FakeRegistry registry, PmgFixture fixture, string password)
    {
        var credentials = new CredentialStore(new Dictionary<string, RegistryCredential> { [registry.Host] = new("alice", password) });
        using var client = new RegistryClient(registry.ClientOptions(credentials));
        var reference = ImageReference.Parse($"{registry.Host}/{fixture.Repository}@{fixture.IndexDigest}");
        return await new ArtifactDiscoverer().DiscoverAsync(client.OpenRepository(reference), reference.ManifestReference, Ct);
    }

    [Theory]
    [InlineData("basic")]
    [InlineData("bearer")]
    public async Task Requests_sent_before_the_first_challenge_was_answered_are_sent_again(string mode)
    {
        await using var registry = await FakeRegistry.StartAsync(kestrel: true);
        registry.AuthMode = mode;
        var fixture = PmgFixture.Create();
        fixture.PushTo(registry);
        PmgAssertions.HasAllThree(fixture, await DiscoverPinnedAsync(registry, fixture, "s3cret"), ArtifactSource.ReferrersTag, ArtifactSource.LegacyTag);
        if (mode == "bearer")
        {
            // The requests in flight together share the token, each refused one fetch at most; none is fetched per request.
            Assert.InRange(registry.TokensIssued, 1, 4);
        }
    }

    [Theory]
    [InlineData("basic")]
    [InlineData("bearer")]
    public async Task A_wrong_password_is_still_refused(string mode)
    {
        await using var registry = await FakeRegistry.StartAsync(kestrel: true);
        registry.AuthMode = mode;
        var fixture = PmgFixture.Create();
        fixture.PushTo(registry);
        var refused = await Assert.ThrowsAsync<OciSourceException>(() => DiscoverPinnedAsync(registry, fixture, "nope"));
        Assert.True(refused.Reason is SourceReason.CredentialsRefused, refused.Reason + ": " + refused.Message);
    }
}
