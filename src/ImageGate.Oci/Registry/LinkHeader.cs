namespace ImageGate.Oci.Registry;

/// <summary>RFC 8288 <c>Link</c> headers, as the referrers and tag-list APIs use them for paging.</summary>
internal static class LinkHeader
{
    /// <summary>The <c>rel="next"</c> target resolved against <paramref name="requestUri"/>, or null.</summary>
    public static Uri? Next(HttpResponseMessage response, Uri requestUri) =>
        response.Headers.TryGetValues("Link", out var values) ? Next(values, requestUri) : null;

    public static Uri? Next(IEnumerable<string> headerValues, Uri requestUri)
    {
        foreach (var header in headerValues)
        {
            foreach (var link in SplitLinks(header))
            {
                var open = link.IndexOf('<', StringComparison.Ordinal);
                var close = link.IndexOf('>', StringComparison.Ordinal);
                if (open < 0 || close < open)
                {
                    continue;
                }
                var target = link[(open + 1)..close];
                var parameters = link[(close + 1)..].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                var isNext = parameters.Any(p =>
                {
                    var eq = p.IndexOf('=', StringComparison.Ordinal);
                    return eq > 0
                        && p[..eq].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase)
                        && p[(eq + 1)..].Trim().Trim('"').Split(' ').Contains("next", StringComparer.OrdinalIgnoreCase);
                });
                if (isNext && Uri.TryCreate(requestUri, target, out var resolved))
                {
                    // Never follow a page onto another host: credentials and trust are per registry.
                    return resolved.Scheme == requestUri.Scheme && resolved.Authority == requestUri.Authority ? resolved : null;
                }
            }
        }
        return null;
    }

    /// <summary>Splits on commas that are outside &lt;...&gt; and quotes.</summary>
    private static IEnumerable<string> SplitLinks(string header)
    {
        var start = 0;
        var inAngle = false;
        var inQuote = false;
        for (var i = 0; i < header.Length; i++)
        {
            switch (header[i])
            {
                case '<' when !inQuote: inAngle = true; break;
                case '>' when !inQuote: inAngle = false; break;
                case '"' when !inAngle: inQuote = !inQuote; break;
                case ',' when !inAngle && !inQuote:
                    yield return header[start..i];
                    start = i + 1;
                    break;
            }
        }
        yield return header[start..];
    }
}
