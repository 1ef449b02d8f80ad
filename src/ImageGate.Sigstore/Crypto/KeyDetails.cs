namespace ImageGate.Sigstore.Crypto;

/// <summary>Whether a protobuf PublicKeyDetails name is one the key's type and size can have.</summary>
internal static class KeyDetails
{
    public static bool Fits(string details, VerificationKey key) => key switch
    {
        EcdsaKey ec => details == ec.KeySize switch
        {
            256 => "PKIX_ECDSA_P256_SHA_256",
            384 => "PKIX_ECDSA_P384_SHA_384",
            _ => "PKIX_ECDSA_P521_SHA_512",
        },
        Ed25519Key => details is "PKIX_ED25519" or "PKIX_ED25519_PH",
        RsaKey => details.StartsWith("PKIX_RSA_", StringComparison.Ordinal) || details.StartsWith("PKCS1_RSA_", StringComparison.Ordinal),
        _ => false,
    };
}
