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

    /// <summary>The key id of each entry of <c>signatures</c>, and beside it (same index) its hex signature.</summary>
    public required IReadOnlyList<string> SignatureKeyIds { get; init; }

    public required IReadOnlyList<string> SignatureHex { get; init; }

    /// <summary>Root: the key table's ids, and beside each its verifier, or null for a key of a type or scheme not
    /// supported here (its signatures then never count, as the spec has clients ignore what they cannot verify).
    /// Lists, not a dictionary: a few keys, and a shape the binary already carries code for.</summary>
    public IReadOnlyList<string> KeyIds { get; init; } = [];

    public IReadOnlyList<VerificationKey?> Keys { get; init; } = [];

    /// <summary>Root: the root, timestamp, snapshot and targets roles, in <see cref="TopLevelRoles"/> order.</summary>
    public TufRole[] Roles { get; init; } = [];

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

    /// <summary>A root's key by id: its verifier, or null when it is absent or not supported.</summary>
    public VerificationKey? Key(string keyId)
    {
        for (int i = 0; i < KeyIds.Count; i++)
        {
            if (KeyIds[i] == keyId)
            {
                return Keys[i];
            }
        }
        return null;
    }

    /// <summary>"timestamp.json (timestamp v762)", for messages.</summary>
    public string Describe() => $"{FileName} ({Type} v{Version})";
}

/// <summary>A role's key ids (distinct) and how many of them must sign.</summary>
public sealed class TufRole(IReadOnlyList<string> keyIds, int threshold)
{
    public IReadOnlyList<string> KeyIds { get; } = keyIds;

    public int Threshold { get; } = threshold;
}
