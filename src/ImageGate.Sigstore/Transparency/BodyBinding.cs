using System.Security.Cryptography;
using ImageGate.Sigstore.Crypto;
using ImageGate.Sigstore.Dsse;

namespace ImageGate.Sigstore.Transparency;

/// <summary>
/// Binds a log entry's body to the bundle it came with, field by field (§4.2 "Body ↔ bundle binding"): the
/// logged signature, the logged certificate or key, and the logged digest must all be the bundle's.
/// Without this a valid proof of some other entry would vouch for this signature.
/// </summary>
internal static class BodyBinding
{
    public static Failure? Check(RekorBody body, SignedContent content)
    {
        if (body.Signature is not null && !body.Signature.AsSpan().SequenceEqual(content.Signature))
        {
            return Mismatch($"the {Describe(body)} entry logged a different signature than the bundle carries");
        }
        if (content.CertificateDer is { } leaf)
        {
            if (body.Certificate is null)
            {
                // sigstore-go rebuilds a keyless entry with the certificate as its verifier, so an entry that logged
                // only a public key is not the entry of this bundle, even when the key is the certificate's.
                return Mismatch($"expected the {Describe(body)} entry to log the bundle's signing certificate; it logged a bare public key");
            }
            if (!body.Certificate.AsSpan().SequenceEqual(leaf))
            {
                return Mismatch($"the {Describe(body)} entry logged a different certificate than the bundle's signing certificate");
            }
        }
        else
        {
            var logged = body.PublicKey ?? CertificateKey(body.Certificate);
            if (logged is null || !content.SignerKey.SameKeyAs(logged))
            {
                return Mismatch($"the {Describe(body)} entry logged a different public key than the one verifying the bundle");
            }
        }
        return body.IsRekorV2 ? CheckV2Content(body, content) : CheckV1Content(body, content);
    }

    private static Failure? CheckV1Content(RekorBody body, SignedContent content)
    {
        if (content.Message is { } message)
        {
            if (body.Kind != "hashedrekord")
            {
                return Mismatch($"a message signature must be logged as hashedrekord, not {body.Kind}");
            }
            var expected = ExpectedMessageDigest(message, content);
            if (body.DataHash is not { } hash || hash.Algorithm != expected.Algorithm || !hash.Digest.AsSpan().SequenceEqual(expected.Digest))
            {
                return Mismatch($"expected the entry's data.hash to be {expected}, the digest that is signed; found {body.DataHash?.ToString() ?? "none"}");
            }
            return null;
        }
        var envelope = content.Envelope!;
        if (body.Kind is not ("dsse" or "intoto"))
        {
            return Mismatch($"a DSSE envelope must be logged as dsse or intoto, not {body.Kind}");
        }
        if (!content.LoggedEnvelope.IsEmpty)
        {
            return CheckEnvelopeBytes(body, content.LoggedEnvelope.Span);
        }
        var payloadHash = SHA256.HashData(envelope.Payload.Span);
        if (body.PayloadHash is not { Algorithm: "sha256" } logged || !logged.Digest.AsSpan().SequenceEqual(payloadHash))
        {
            return Mismatch($"the entry logged payload hash {body.PayloadHash?.ToString() ?? "(none)"}; the envelope's payload hashes to sha256:{Convert.ToHexStringLower(payloadHash)}");
        }
        return null;
    }

    /// <summary>
    /// A legacy <c>.att</c> layer (§4.7 step 2): the entry's hash over the envelope as submitted (dsse
    /// <c>envelopeHash</c>, intoto <c>content.hash</c>) must be SHA-256 of the layer's exact bytes, which cover the
    /// payload and the signature too.
    /// </summary>
    private static Failure? CheckEnvelopeBytes(RekorBody body, ReadOnlySpan<byte> envelope)
    {
        string field = body.Kind == "dsse" ? "envelopeHash" : "content.hash";
        var expected = SHA256.HashData(envelope);
        if (body.EnvelopeHash is not { Algorithm: "sha256" } logged || !logged.Digest.AsSpan().SequenceEqual(expected))
        {
            return Mismatch($"expected the entry's {field} to be sha256:{Convert.ToHexStringLower(expected)} (the envelope's bytes); found {body.EnvelopeHash?.ToString() ?? "none"}");
        }
        return null;
    }

    /// <summary>Rekor v2 logs one digest: the message digest, or H(PAE) with the key's default hash for DSSE.</summary>
    private static Failure? CheckV2Content(RekorBody body, SignedContent content)
    {
        HashValue expected;
        if (content.Message is { } message)
        {
            expected = ExpectedMessageDigest(message, content);
        }
        else
        {
            var envelope = content.Envelope!;
            var hash = content.SignerKey.DefaultHash;
            expected = new HashValue(HashName(hash), Pae.Hash(hash, envelope.PayloadType, envelope.Payload.Span));
        }
        if (body.DataHash is not { } logged || logged.Algorithm != expected.Algorithm || !logged.Digest.AsSpan().SequenceEqual(expected.Digest))
        {
            return Mismatch($"the Rekor v2 entry logged digest {body.DataHash}; the bundle signs {expected}");
        }
        if (body.KeyDetails is { } details && !KeyDetails.Fits(details, content.SignerKey))
        {
            return Mismatch($"the Rekor v2 entry logged keyDetails {details}, which does not fit the signer's {content.SignerKey.Description} key");
        }
        return null;
    }

    private static HashValue ExpectedMessageDigest(Bundle.MessageSignature message, SignedContent content)
    {
        if (message.Digest.Length > 0)
        {
            return new HashValue(RekorBody.ProtoAlgorithm(message.DigestAlgorithm), message.Digest);
        }
        return new HashValue(content.Artifact.Algorithm, content.Artifact.Digest);
    }

    private static byte[]? CertificateKey(byte[]? der)
    {
        if (der is null)
        {
            return null;
        }
        try
        {
            using var cert = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(der);
            return cert.PublicKey.ExportSubjectPublicKeyInfo();
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    internal static string HashName(HashAlgorithmName hash) =>
        hash == HashAlgorithmName.SHA384 ? "sha384" : hash == HashAlgorithmName.SHA512 ? "sha512" : "sha256";

    private static string Describe(RekorBody body) => $"{body.Kind} {body.ApiVersion}";

    private static Failure Mismatch(string message) => new(ReasonCodes.TlogBodyMismatch, message);
}
