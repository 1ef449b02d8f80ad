namespace ImageGate.Oci.Registry;

/// <summary>Reads a response body without ever holding more than the cap, and notices truncation.</summary>
internal static class BoundedBody
{
    /// <summary>
    /// The whole body, at most <paramref name="maxBytes"/>. A declared Content-Length over the cap fails
    /// before reading; a body that ends short of its Content-Length is an <see cref="IOException"/> (transient).
    /// </summary>
    public static async Task<byte[]> ReadAsync(HttpResponseMessage response, long maxBytes, string what, CancellationToken cancellationToken)
    {
        var declared = response.Content.Headers.ContentLength;
        if (declared > maxBytes)
        {
            throw new OciSourceException(SourceReason.TooLarge, $"Expected {what} of at most {maxBytes} bytes, found Content-Length {declared}.");
        }
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var initial = (int)Math.Min(declared ?? 16 * 1024, Math.Min(maxBytes + 1, 1024 * 1024));
            using var buffer = new MemoryStream(Math.Max(initial, 0));
            var chunk = new byte[81920];
            while (true)
            {
                var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                if (buffer.Length + read > maxBytes)
                {
                    throw new OciSourceException(SourceReason.TooLarge, $"Expected {what} of at most {maxBytes} bytes, found more.");
                }
                buffer.Write(chunk, 0, read);
            }
            if (declared is { } length && buffer.Length != length)
            {
                throw new IOException($"The body of {what} ended after {buffer.Length} of {length} bytes.");
            }
            return buffer.ToArray();
        }
    }
}
