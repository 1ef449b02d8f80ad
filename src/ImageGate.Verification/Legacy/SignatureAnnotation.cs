using ImageGate.Sigstore;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// <c>dev.cosignproject.cosign/signature</c>: "base64 (std) of the raw signature" (§1a). cosign compares the logged
/// signature with this text (§4.7 step 2); the walk compares the decoded bytes, which is the same comparison, because
/// only canonical standard base64 is accepted here and Rekor stores canonical standard base64.
/// </summary>
internal static class SignatureAnnotation
{
    public static Failure? Read(IReadOnlyDictionary<string, string> annotations, out byte[] signature)
    {
        signature = [];
        if (!annotations.TryGetValue(LegacyAnnotationKeys.Signature, out var text) || text.Length == 0)
        {
            return new Failure(LegacyReasons.NoSignatureAnnotation,
                $"expected a base64 signature in annotation {LegacyAnnotationKeys.Signature}; found {(text is null ? "no such annotation" : "an empty one")}");
        }
        // Go's base64.StdEncoding: the standard alphabet with padding, nothing else; and canonical (zero pad bits),
        // so that comparing bytes is comparing the text as cosign does.
        var buffer = new byte[text.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(text, buffer, out int written) || text.AsSpan().ContainsAny(" \t\r\n")
            || Convert.ToBase64String(buffer, 0, written) != text)
        {
            return new Failure(LegacyReasons.AnnotationMalformed,
                $"expected standard base64 in annotation {LegacyAnnotationKeys.Signature}; found \"{GoJson.Truncate(text)}\"");
        }
        signature = buffer[..written];
        return null;
    }
}
