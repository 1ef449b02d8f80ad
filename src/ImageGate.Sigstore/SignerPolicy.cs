using ImageGate.Sigstore.Crypto;
using ImageGate.Sigstore.Identity;

namespace ImageGate.Sigstore;

/// <summary>Who must have signed: a keyless identity (certificate from a trusted Fulcio) or a known public key.</summary>
public sealed class SignerPolicy
{
    private SignerPolicy(IdentityMatcher? identity, VerificationKey? key)
    {
        Identity = identity;
        Key = key;
    }

    public IdentityMatcher? Identity { get; }

    public VerificationKey? Key { get; }

    public static SignerPolicy ForIdentity(IdentityMatcher identity) => new(identity ?? throw new ArgumentNullException(nameof(identity)), null);

    public static SignerPolicy ForKey(VerificationKey key) => new(null, key ?? throw new ArgumentNullException(nameof(key)));
}
