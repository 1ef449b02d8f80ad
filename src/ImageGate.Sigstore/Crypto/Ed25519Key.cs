using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace ImageGate.Sigstore.Crypto;

/// <summary>
/// Ed25519 through BouncyCastle (the BCL has none). Pure Ed25519 signs the message itself, so there is no
/// digest form; Rekor v2 checkpoints and DSSE use pure Ed25519.
/// </summary>
public sealed class Ed25519Key : VerificationKey
{
    // SEQUENCE { SEQUENCE { OID 1.3.101.112 } BIT STRING (32 bytes) } is always these 12 bytes then the key.
    private static ReadOnlySpan<byte> SpkiPrefix => [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

    private readonly Ed25519PublicKeyParameters _key;

    private Ed25519Key(byte[] spki, byte[] raw) : base(spki)
    {
        RawKey = raw;
        _key = new Ed25519PublicKeyParameters(raw, 0);
    }

    /// <summary>The 32-byte raw public key (C2SP key ids hash it).</summary>
    public byte[] RawKey { get; }

    public override string Description => "Ed25519";

    public override HashAlgorithmName DefaultHash => HashAlgorithmName.SHA512;

    internal static bool TryCreate(byte[] spki, out VerificationKey? key)
    {
        key = null;
        if (spki.Length != 44 || !spki.AsSpan(0, 12).SequenceEqual(SpkiPrefix))
        {
            return false;
        }
        key = new Ed25519Key(spki, spki[12..]);
        return true;
    }

    private protected override bool VerifyDataCore(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, HashAlgorithmName hash)
    {
        if (signature.Length != 64)
        {
            return false;
        }
        var signer = new Ed25519Signer();
        signer.Init(false, _key);
        signer.BlockUpdate(data);
        return signer.VerifySignature(signature.ToArray());
    }

    private protected override bool VerifyDigestCore(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, HashAlgorithmName hash) => false;
}
