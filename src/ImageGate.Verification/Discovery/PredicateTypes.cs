namespace ImageGate.Verification.Discovery;

/// <summary>Predicate types discovery needs to name.</summary>
public static class PredicateTypes
{
    /// <summary>What <c>cosign sign --new-bundle-format</c> signs for an image (cosign v3).</summary>
    public const string CosignSign = "https://sigstore.dev/cosign/sign/v1";
}
