using ImageGate.Sigstore.Crypto;

namespace ImageGate.Sigstore.TrustRoot;

/// <summary>A Rekor or CT log instance from <c>trusted_root.json</c>.</summary>
public sealed class TransparencyLog
{
    public required string BaseUrl { get; init; }

    /// <summary>logId.keyId: SHA-256(SPKI) for Rekor v1 and CT logs, the C2SP key id for Rekor v2.</summary>
    public required byte[] LogId { get; init; }

    public string LogIdHex => Convert.ToHexStringLower(LogId);

    private VerificationKey? _key;
    private byte[]? _spki;
    private bool _keyResolved;

    /// <summary>The key; null when its type is not supported here (such a log is kept but never matches).
    /// Built on first use from <see cref="SubjectPublicKeyInfo"/>: a process verifying one bundle imports only
    /// the keys of the logs that bundle names.</summary>
    public VerificationKey? Key
    {
        get
        {
            if (!_keyResolved)
            {
                VerificationKey.TryCreate(_spki ?? [], out _key);
                _keyResolved = true;
            }
            return _key;
        }
        init
        {
            _key = value;
            _keyResolved = true;
        }
    }

    /// <summary>DER SubjectPublicKeyInfo from the trust root, imported lazily into <see cref="Key"/>.</summary>
    public byte[]? SubjectPublicKeyInfo
    {
        get => _spki ?? _key?.SubjectPublicKeyInfo;
        init => _spki = value;
    }

    public required string KeyDetails { get; init; }

    /// <summary>False for a well-formed key of an algorithm not supported here: the log is kept, but it can never
    /// verify anything and does not count toward a threshold the trust root must be able to meet.</summary>
    public bool KeySupported { get; init; } = true;

    public required ValidityPeriod Validity { get; init; }

    /// <summary>v0.2 <c>checkpointKeyId</c>, when given.</summary>
    public byte[]? CheckpointKeyId { get; init; }

    /// <summary>The signed-note origin: <c>baseUrl</c> without its scheme (e.g. <c>log2025-1.rekor.sigstore.dev</c>).</summary>
    public string Origin
    {
        get
        {
            var url = BaseUrl;
            int scheme = url.IndexOf("://", StringComparison.Ordinal);
            if (scheme >= 0)
            {
                url = url[(scheme + 3)..];
            }
            return url.TrimEnd('/');
        }
    }
}
