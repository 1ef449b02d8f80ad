namespace ImageGate.Verification.Legacy;

/// <summary>Which legacy layer is being verified: the two differ in what is hashed, timestamped and logged.</summary>
internal enum LegacyLayerKind
{
    /// <summary>A <c>.sig</c> simple-signing layer, logged as <c>hashedrekord</c> over the payload.</summary>
    Signature,

    /// <summary>A <c>.att</c> DSSE layer, logged as <c>intoto</c> 0.0.1 / 0.0.2 or <c>dsse</c> 0.0.1 over the layer.</summary>
    Attestation,
}
