namespace ImageGate.Sigstore;

/// <summary>
/// Where cosign's legacy-annotation flow (a <c>.sig</c> or <c>.att</c> layer adapted into a bundle,
/// docs/verification.md §4.7) verifies differently from a Sigstore bundle, and nothing else: every
/// policy setting (identities, extensions, tlog and SCT thresholds, required timestamps) means the same as for a
/// bundle. Each point keeps the verdict cosign gives real legacy material; §-numbers refer to that document.
/// </summary>
/// <remarks>
/// Not here, on purpose: cosign's legacy identity rule (every SAN, issuer from OID 1.1 only; §5, §8 item 11). Real
/// Fulcio certificates carry one SAN and the same issuer in 1.1 and 1.8, so the bundle rule gives the same verdicts,
/// and one identity rule for every format is what the policy promises.
/// </remarks>
public sealed class CosignLegacyOptions
{
    private CosignLegacyOptions()
    {
    }

    /// <summary>
    /// §4.7 step 2, "no inclusion proof exists in this format": a log entry is accepted on a verified signed entry
    /// timestamp alone (as for a v0.1 bundle). An inclusion proof, if one were given, is still verified.
    /// </summary>
    public bool AcceptsPromiseWithoutProof => true;

    /// <summary>
    /// §4.7 step 3 and §8 item 12: the chain is validated once, at the leaf's NotBefore ("not at integratedTime"),
    /// with every rule of §4.4 (CA validFor included); then §4.7 step 6, CheckExpiry: the leaf and every chain
    /// certificate must be valid at each verified time. A bundle instead validates the whole chain at each verified time.
    /// </summary>
    public bool ValidatesChainAtNotBefore => true;

    /// <summary>
    /// §4.7 step 2: a DSSE envelope's entry (dsse <c>envelopeHash</c>, intoto <c>content.hash</c>) must log SHA-256 of
    /// the envelope's exact bytes, the whole <c>.att</c> layer, where a bundle's entry binds through the payload hash
    /// (a bundle's envelope bytes are not canonical, a layer's are the logged ones). Signature and certificate bind
    /// as for a bundle; a <c>.sig</c>'s hashedrekord binds exactly as a bundle's message signature does.
    /// </summary>
    public bool BindsEnvelopeBytes => true;

    /// <summary>
    /// §4.7 step 1 and §8 item 14: an <c>.att</c> layer's RFC 3161 timestamp covers the whole envelope (the layer),
    /// because its signature annotation is empty; a <c>.sig</c>'s, like a bundle's, covers the signature.
    /// </summary>
    public bool TimestampsCoverEnvelope => true;

    /// <summary>The one option set: cosign's, as of v3 with <c>--trusted-root</c> (§0).</summary>
    public static CosignLegacyOptions Cosign { get; } = new();
}
