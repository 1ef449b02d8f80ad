using ImageGate.Oci.Models;

namespace ImageGate.Oci.Registry.Mirrors;

/// <summary>
/// One repository read through its registry's mirrors in order, then the registry itself unless the mirror set
/// skips it (containerd's <c>hosts.toml</c> meaning). Every host is a <see cref="RegistryRepository"/>, so what
/// one returns is checked against its digest and size exactly as from the registry: a mirror cannot lie.
/// <para>
/// A host that cannot be reached, refuses access, or has not got the content (404) hands the request to the next
/// one. Content that fails its check (wrong digest or size, over a cap, not what the protocol says) is final: it
/// is an attack or a broken mirror, and falling back would hide it, so the run fails naming the mirror. An absence
/// (a tag or referrers that no host answering has) is believed from any host that answers; an outage is never
/// taken for an absence. A host that exhausted its retries is not asked again in this run, so an origin that is
/// down costs its back-off once, not once per request (docs/registry-mirrors.md §2).
/// </para>
/// </summary>
public sealed class MirroredRepository : IOciSource
{
    private readonly IReadOnlyList<RegistryRepository> hosts;
    private readonly int[] down;

    internal MirroredRepository(IReadOnlyList<RegistryRepository> mirrors, RegistryRepository? upstream, string registry, string repository)
    {
        hosts = upstream is null ? mirrors : [.. mirrors, upstream];
        down = new int[hosts.Count];
        Description = $"registry {registry}/{repository} through {(mirrors.Count == 1 ? "mirror" : "mirrors")} "
            + string.Join(", ", mirrors.Select(m => m.Host)) + (upstream is null ? " only" : string.Empty);
    }

    public string Description { get; }

    /// <summary>The hosts in the order they are asked (mirrors, then the registry unless skipped).</summary>
    public IReadOnlyList<RegistryRepository> Hosts => hosts;

    public Task<FetchedManifest> GetManifestAsync(string reference, CancellationToken cancellationToken) =>
        RequiredAsync((host, ct) => host.GetManifestAsync(reference, ct), $"manifest '{reference}'", cancellationToken);

    public async Task<FetchedManifest?> TryGetManifestByTagAsync(string tag, CancellationToken cancellationToken) =>
        (await OptionalAsync(async (host, ct) => await host.TryGetManifestByTagAsync(tag, ct).ConfigureAwait(false), m => m is null, $"tag '{tag}'", cancellationToken).ConfigureAwait(false)).Value;

    public Task<FetchedManifest> GetManifestAsync(Descriptor descriptor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return RequiredAsync((host, ct) => host.GetManifestAsync(descriptor, ct), $"manifest {descriptor.Digest}", cancellationToken);
    }

    public Task<byte[]> GetBlobAsync(Descriptor descriptor, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return RequiredAsync((host, ct) => host.GetBlobAsync(descriptor, maxBytes, ct), $"blob {descriptor.Digest}", cancellationToken);
    }

    public async Task<IReadOnlyList<Referrer>> GetReferrersAsync(Digest subject, CancellationToken cancellationToken) =>
        (await OptionalAsync((host, ct) => host.GetReferrersAsync(subject, ct), r => r.Count == 0, $"referrers of {subject}", cancellationToken).ConfigureAwait(false)).Value ?? [];

    /// <summary>Content that must exist: the first host that has it; none that has it is not-found, or the last outage when any host could not answer.</summary>
    private async Task<T> RequiredAsync<T>(Func<RegistryRepository, CancellationToken, Task<T>> fetch, string what, CancellationToken cancellationToken)
        where T : class
    {
        var (found, value, failures) = await FirstAsync(fetch, _ => false, cancellationToken).ConfigureAwait(false);
        return found ? value! : throw Exhausted(what, failures);
    }

    /// <summary>Content that may be absent: the first host that has it; absent when a host said so and no host had it.</summary>
    private async Task<Box<T>> OptionalAsync<T>(Func<RegistryRepository, CancellationToken, Task<T>> fetch, Func<T, bool> isAbsent, string what, CancellationToken cancellationToken)
    {
        var (found, value, failures) = await FirstAsync(fetch, isAbsent, cancellationToken).ConfigureAwait(false);
        if (found || failures.Any(f => f.Reason == SourceReason.NotFound))
        {
            return new Box<T>(found ? value : default);
        }
        throw Exhausted(what, failures);
    }

    /// <summary>Each host in order until one has the content; an absence is recorded as a not-found failure.</summary>
    private async Task<(bool Found, T? Value, List<OciSourceException> Failures)> FirstAsync<T>(
        Func<RegistryRepository, CancellationToken, Task<T>> fetch, Func<T, bool> isAbsent, CancellationToken cancellationToken)
    {
        var failures = new List<OciSourceException>();
        for (var i = 0; i < hosts.Count; i++)
        {
            var host = hosts[i];
            if (Volatile.Read(ref down[i]) != 0)
            {
                failures.Add(new OciSourceException(SourceReason.Unavailable, $"{host.Description} was not asked again: it could not be reached earlier in this run."));
                continue;
            }
            try
            {
                var value = await fetch(host, cancellationToken).ConfigureAwait(false);
                if (!isAbsent(value))
                {
                    return (true, value, failures);
                }
                failures.Add(new OciSourceException(SourceReason.NotFound, $"{host.Description} has none.") { StatusCode = 404 });
            }
            catch (OciSourceException e) when (FallsBack(e.Reason))
            {
                if (e.Reason == SourceReason.Unavailable)
                {
                    Volatile.Write(ref down[i], 1);
                }
                failures.Add(e);
            }
        }
        return (false, default, failures);
    }

    /// <summary>
    /// What the next host may answer instead: an outage, a refusal, an absence (containerd falls back on these too).
    /// Anything else is about content the host did serve, and it must not be hidden by asking elsewhere.
    /// </summary>
    private static bool FallsBack(string reason) =>
        reason is SourceReason.Unavailable or SourceReason.NotFound or SourceReason.Unauthorized or SourceReason.CredentialsRefused;

    /// <summary>Not found only when every host said so; otherwise the last host's own failure decides (an outage is worth retrying, refused credentials are configuration).</summary>
    private OciSourceException Exhausted(string what, List<OciSourceException> failures)
    {
        var decisive = failures.LastOrDefault(f => f.Reason != SourceReason.NotFound);
        var reason = decisive?.Reason ?? SourceReason.NotFound;
        return new OciSourceException(reason,
            $"Expected {what} from {Description}, found it nowhere: " + string.Join(" ", failures.Select(f => f.Message)),
            decisive)
        { StatusCode = decisive is null ? 404 : decisive.StatusCode };
    }

    /// <summary>A result that may be absent (null), distinct from no result.</summary>
    private readonly record struct Box<T>(T? Value);
}
