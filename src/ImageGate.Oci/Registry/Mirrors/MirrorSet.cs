namespace ImageGate.Oci.Registry.Mirrors;

/// <summary>
/// The mirrors of one registry, asked in order (containerd's <c>hosts.toml</c> order), then the registry itself
/// unless <see cref="SkipUpstream"/>: a cluster that must never reach the origin says so and fails closed.
/// </summary>
public sealed record MirrorSet(IReadOnlyList<RegistryMirror> Mirrors, bool SkipUpstream = false);
