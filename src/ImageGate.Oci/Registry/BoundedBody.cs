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
            if (declared is { } exact)
            {
                return await ReadExactlyAsync(stream, exact, what, cancellationToken).ConfigureAwait(false);
            }
            // No Content-Length (chunked): grow as the body arrives, still never past the cap.
            using var buffer = new MemoryStream();
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
            return buffer.ToArray();
        }
    }

    /// <summary>A body of declared length, read into one array of that size: a large blob is held once, never regrown.</summary>
    private static async Task<byte[]> ReadExactlyAsync(Stream stream, long length, string what, CancellationToken cancellationToken)
    {
        var body = new byte[length];
        var read = await stream.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read != body.Length)
        {
            throw new IOException($"The body of {what} ended after {read} of {length} bytes.");
        }
        return body;
    }
}
