using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImageGate.Sigstore.Crypto;

namespace ImageGate.Sigstore.Tests.Crypto;

/// <summary>
/// A certificate's key taken as OpenSSL decoded it must be the same key, with the same answers, as the one
/// imported from the certificate's SubjectPublicKeyInfo.
/// </summary>
public sealed class CertificateKeyTests
{
    public static TheoryData<string, int> Curves => new()
    {
        { "nistP256", 256 },
        { "nistP384", 384 },
        { "nistP521", 521 },
    };

    [Theory]
    [MemberData(nameof(Curves))]
    public void An_ECDSA_certificate_key_verifies_exactly_as_the_imported_SPKI_key(string curve, int bits)
    {
        using var signer = ECDsa.Create(ECCurve.CreateFromFriendlyName(curve));
        using var certificate = SelfSigned(new CertificateRequest("CN=key-test", signer, HashAlgorithmName.SHA256));
        var spki = certificate.PublicKey.ExportSubjectPublicKeyInfo();
        var data = "signed content"u8.ToArray();
        var signature = signer.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var tampered = (byte[])signature.Clone();
        tampered[^1] ^= 1;

        Assert.True(VerificationKey.TryCreate(certificate, out var fromCertificate));
        Assert.True(VerificationKey.TryCreate(spki, out var fromSpki));

        var key = Assert.IsType<EcdsaKey>(fromCertificate);
        Assert.Equal(bits, key.KeySize);
        Assert.Equal(spki, key.SubjectPublicKeyInfo);
        Assert.True(key.VerifyData(data, signature, HashAlgorithmName.SHA256));
        Assert.False(key.VerifyData(data, tampered, HashAlgorithmName.SHA256));
        Assert.False(key.VerifyData("other content"u8, signature, HashAlgorithmName.SHA256));
        Assert.Equal(fromSpki!.VerifyData(data, signature, HashAlgorithmName.SHA256), key.VerifyData(data, signature, HashAlgorithmName.SHA256));
    }

    [Fact]
    public void An_RSA_certificate_key_comes_from_its_SPKI()
    {
        using var signer = RSA.Create(2048);
        using var certificate = SelfSigned(new CertificateRequest("CN=key-test", signer, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        Assert.True(VerificationKey.TryCreate(certificate, out var key));

        Assert.IsType<RsaKey>(key);
    }

    private static X509Certificate2 SelfSigned(CertificateRequest request) =>
        request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
}
