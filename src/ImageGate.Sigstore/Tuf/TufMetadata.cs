using ImageGate.Sigstore.Crypto;

namespace ImageGate.Sigstore.Tuf;

/// <summary>
/// One parsed TUF metadata file (docs/trust-root.md §2.2): the common fields of <c>signed</c>, the canonical bytes its
/// signatures cover, the signatures, and what the check needs of its role. One class for the four roles, since each
/// needs little: a root its keys, roles and <c>consistent_snapshot</c>; a timestamp or snapshot the file it lists
/// next; a targets file the <c>trusted_root.json</c> it lists.
/// </summary>
public sealed class TufMetadata
{
    public required string FileName { get; init; }

    /// <summary><c>signed._type</c>: root, timestamp, snapshot or targets.</summary>
    public required string Type { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset Expires { get; init; }

    /// <summary>The OLPC canonical JSON of <c>signed</c>: what every signature is over.</summary>
    public required byte[] SignedBytes { get; init; }

    public required IReadOnlyList<TufSignature> Signatures { get; init; }

    /// <summary>Root: the key table by key id.</summary>
    public IReadOnlyDictionary<string, TufKey> Keys { get; init; } = new Dictionary<string, TufKey>();

    /// <summary>Root: the root, timestamp, snapshot and targets roles, in <see cref="TopLevelRoles"/> order.</summary>
    public IReadOnlyList<TufRole> Roles { get; init; } = [];

    public bool ConsistentSnapshot { get; init; }

    /// <summary>Timestamp: the snapshot it lists; snapshot: the targets file it lists; targets: the trust root it
    /// lists (version 0), or null when it lists none.</summary>
    public ListedFile? Listed { get; init; }

    /// <summary>Targets: how many targets it lists, and the names of the roles it delegates to.</summary>
    public int TargetCount { get; init; }

    public string? Delegations { get; init; }

    public static readonly string[] TopLevelRoles = ["root", "timestamp", "snapshot", "targets"];

    /// <summary>A root's role by name.</summary>
    public TufRole Role(string name) => Roles[Array.IndexOf(TopLevelRoles, name)];

    /// <summary>"timestamp.json (timestamp v762)", for messages.</summary>
    public string Describe() => $"{FileName} ({Type} v{Version})";
}

/// <summary>One entry of <c>signatures</c>: a key id and the hex signature, decoded when verified.</summary>
public sealed class TufSignature(string keyId, string signatureHex)
{
    public string KeyId { get; } = keyId;

    public string SignatureHex { get; } = signatureHex;
}

/// <summary>A role's key ids (distinct) and how many of them must sign.</summary>
public sealed class TufRole(IReadOnlyList<string> keyIds, int threshold)
{
    public IReadOnlyList<string> KeyIds { get; } = keyIds;

    public int Threshold { get; } = threshold;
}

/// <summary>A key of a root's key table: its verifier, or null for a type or scheme not supported here (its
/// signatures then never count, as the spec has clients ignore what they cannot verify).</summary>
public sealed class TufKey(VerificationKey? verifier)
{
    public VerificationKey? Verifier { get; } = verifier;
}
