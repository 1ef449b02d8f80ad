using ImageGate.Sigstore;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// <c>dev.cosignproject.cosign/signature</c>: "base64 (std) of the raw signature" (§1a). The text is kept as well,
/// because cosign compares the logged signature with it as a string (§4.7 step 2).
/// </summary>
internal static class SignatureAnnotation
{
    public static Failure? Read(IReadOnlyDictionary<string, string> annotations, out string text, out byte[] signature)
    {
        signature = [];
        if (!annotations.TryGetValue(LegacyAnnotationKeys.Signature, out var found) || found.Length == 0)
        {
            text = string.Empty;
            return new Failure(ReasonCodes.LegacyNoSignatureAnnotation,
                $"expected a base64 signature in annotation {LegacyAnnotationKeys.Signature}; found {(found is null ? "no such annotation" : "an empty one")}");
        }
        text = found;
        // Go's base64.StdEncoding: the standard alphabet with padding, nothing else.
        var buffer = new byte[text.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(text, buffer, out int written) || text.AsSpan().ContainsAny(" \t\r\n"))
        {
            return new Failure(ReasonCodes.LegacyAnnotationMalformed,
                $"expected standard base64 in annotation {LegacyAnnotationKeys.Signature}; found \"{GoJson.Truncate(text)}\"");
        }
        signature = buffer[..written];
        return null;
    }
}
