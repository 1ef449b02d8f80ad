using ImageGate.Sigstore.Crypto;
using ImageGate.Sigstore.Identity;

namespace ImageGate.Sigstore;

/// <summary>
/// Who must have signed: a keyless identity (certificate from a trusted Fulcio) matching at least one of
/// <see cref="Identities"/>, or a known public key. The two never mix.
/// </summary>
public sealed class SignerPolicy
{
    private SignerPolicy(IReadOnlyList<IdentityMatcher> identities, VerificationKey? key)
    {
        Identities = identities;
        Key = key;
    }

    /// <summary>Accepted keyless identities (any one suffices); empty for key-signed verification.</summary>
    public IReadOnlyList<IdentityMatcher> Identities { get; }

    /// <summary>The first accepted identity, or null for key-signed verification.</summary>
    public IdentityMatcher? Identity => Identities.Count > 0 ? Identities[0] : null;

    public VerificationKey? Key { get; }

    public static SignerPolicy ForIdentity(IdentityMatcher identity) =>
        ForAnyIdentity([identity ?? throw new ArgumentNullException(nameof(identity))]);

    public static SignerPolicy ForAnyIdentity(IReadOnlyList<IdentityMatcher> identities)
    {
        ArgumentNullException.ThrowIfNull(identities);
        if (identities.Count == 0)
        {
            throw new ArgumentException("at least one identity is required; verifying without one would accept any signer", nameof(identities));
        }
        foreach (var identity in identities)
        {
            // Callers validate first to report a typed failure; reaching here with a blank or missing criterion is a bug.
            if (identity?.Validate() is { } invalid)
            {
                throw new ArgumentException(invalid.Message, nameof(identities));
            }
            ArgumentNullException.ThrowIfNull(identity, nameof(identities));
        }
        return new SignerPolicy(identities, null);
    }

    public static SignerPolicy ForKey(VerificationKey key) => new([], key ?? throw new ArgumentNullException(nameof(key)));
}
