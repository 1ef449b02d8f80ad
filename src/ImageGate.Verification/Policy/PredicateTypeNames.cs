namespace ImageGate.Verification.Policy;

/// <summary>cosign's <c>--type</c> shorthands (cmd/cosign/cli/options/predicate.go); anything else is a URI.</summary>
public static class PredicateTypeNames
{
    public const string CosignSign = "https://sigstore.dev/cosign/sign/v1";
    public const string CycloneDx = "https://cyclonedx.org/bom";
    public const string SlsaProvenance02 = "https://slsa.dev/provenance/v0.2";

    /// <summary>Expands a shorthand; returns null for a value that is neither a shorthand nor an absolute URI.</summary>
    public static string? Resolve(string value) => value switch
    {
        "custom" => "https://cosign.sigstore.dev/attestation/v1",
        "slsaprovenance" or "slsaprovenance02" => SlsaProvenance02,
        "slsaprovenance1" => "https://slsa.dev/provenance/v1",
        "spdx" or "spdxjson" => "https://spdx.dev/Document",
        "cyclonedx" => CycloneDx,
        "link" => "https://in-toto.io/Link/v1",
        "vuln" => "https://cosign.sigstore.dev/attestation/vuln/v1",
        "openvex" => "https://openvex.dev/ns",
        _ => Uri.TryCreate(value, UriKind.Absolute, out _) ? value : null,
    };
}
