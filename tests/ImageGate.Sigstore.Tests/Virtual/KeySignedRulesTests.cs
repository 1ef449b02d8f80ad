using ImageGate.Sigstore.Crypto;
using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Sigstore.Tests.Virtual;

/// <summary>Key-signed bundles (publicKey.hint): the caller's key, no certificate, no SCT, no identity.</summary>
public sealed class KeySignedRulesTests : VirtualTestBase
{
    private static SignerPolicy For(SigningKey key)
    {
        Assert.True(VerificationKey.TryCreate(key.SubjectPublicKeyInfo, out var verificationKey));
        return SignerPolicy.ForKey(verificationKey!);
    }

    [Theory]
    [InlineData(KeyType.EcdsaP256)]
    [InlineData(KeyType.EcdsaP384)]
    public void Message_signed_with_the_key_verifies(KeyType type)
    {
        using var key = new SigningKey(type);
        var result = Verify(Sigstore.SignMessage(Artifact, new SignOptions { Key = key }), signer: For(key));
        AssertVerified(result);
        Assert.Null(result.SignerIdentity);
    }

    [Theory]
    [InlineData(KeyType.EcdsaP256)]
    [InlineData(KeyType.Ed25519)]
    public void Dsse_signed_with_the_key_verifies(KeyType type)
    {
        using var key = new SigningKey(type);
        AssertVerified(Verify(Sigstore.SignDsse(Statement, new SignOptions { Key = key }), signer: For(key)));
    }

    [Fact]
    public void Message_verified_with_another_key_is_refused()
    {
        using var key = new SigningKey(KeyType.EcdsaP256);
        using var other = new SigningKey(KeyType.EcdsaP256);
        AssertFails(ReasonCodes.TlogBodyMismatch, Verify(Sigstore.SignMessage(Artifact, new SignOptions { Key = key }), signer: For(other)));
    }

    [Fact]
    public void Key_signed_bundle_verified_against_an_identity_is_refused()
    {
        using var key = new SigningKey(KeyType.EcdsaP256);
        AssertFails(ReasonCodes.KeyMismatch, Verify(Sigstore.SignMessage(Artifact, new SignOptions { Key = key })));
    }

    [Fact]
    public void Keyless_bundle_verified_against_a_key_is_refused()
    {
        using var key = new SigningKey(KeyType.EcdsaP256);
        AssertFails(ReasonCodes.KeyMismatch, Verify(Sigstore.SignMessage(Artifact), signer: For(key)));
    }

    [Fact]
    public void Key_signed_bundle_with_a_wrong_signature_is_refused()
    {
        using var key = new SigningKey(KeyType.EcdsaP256);
        AssertFails(ReasonCodes.SignatureInvalid, Verify(Sigstore.SignMessage(Artifact, new SignOptions { Key = key, SignOtherBytes = true }), signer: For(key)));
    }
}
