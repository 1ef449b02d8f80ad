namespace ImageGate.Testing.VirtualSigstore;

/// <summary>A validFor window; a null end is open-ended.</summary>
public readonly record struct Window(DateTimeOffset Start, DateTimeOffset? End = null);

/// <summary>What <see cref="VirtualSigstore.TrustedRootJson"/> writes: each authority can be left out or given another window.</summary>
public sealed class TrustedRootOptions
{
    public const string MediaTypeV01 = "application/vnd.dev.sigstore.trustedroot+json;version=0.1";

    public string MediaType { get; init; } = MediaTypeV01;

    public bool IncludeFulcio { get; init; } = true;

    public bool IncludeRekor { get; init; } = true;

    public bool IncludeRekorV2 { get; init; } = true;

    public bool IncludeCtLog { get; init; } = true;

    public bool IncludeTsa { get; init; } = true;

    /// <summary>Null: from a day before the deployment was created, open-ended.</summary>
    public Window? FulcioValidFor { get; init; }

    public Window? RekorValidFor { get; init; }

    public Window? RekorV2ValidFor { get; init; }

    public Window? CtLogValidFor { get; init; }

    public Window? TsaValidFor { get; init; }

    /// <summary>Write the Rekor v1 key's validFor without a start (sigstore-go refuses such a root).</summary>
    public bool OmitRekorValidForStart { get; init; }

    /// <summary>Other deployments whose authorities are trusted as well (e.g. a second Fulcio).</summary>
    public IReadOnlyList<VirtualSigstore> AlsoTrust { get; init; } = [];
}
