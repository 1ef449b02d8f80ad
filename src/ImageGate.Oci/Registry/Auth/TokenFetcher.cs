namespace ImageGate.Oci.Registry.Auth;

/// <summary>Sends one token request through the client's transport (so retries, caps and counting apply) and returns the body.</summary>
internal delegate Task<byte[]> TokenFetcher(HttpRequestMessageSpec request, CancellationToken cancellationToken);

/// <summary>What to send, rebuilt for every attempt because an HttpRequestMessage cannot be sent twice.</summary>
internal sealed record HttpRequestMessageSpec(HttpMethod Method, Uri Uri, System.Net.Http.Headers.AuthenticationHeaderValue? Authorization, IReadOnlyList<KeyValuePair<string, string>>? Form);
