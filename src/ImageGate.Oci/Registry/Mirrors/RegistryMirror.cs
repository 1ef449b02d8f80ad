namespace ImageGate.Oci.Registry.Mirrors;

/// <summary>
/// One mirror of a registry: <c>host</c> or <c>host:port</c>, and the scheme when the user wrote one. Without a
/// scheme the mirror is HTTPS unless its host is declared insecure, the rule every registry host follows.
/// </summary>
public sealed record RegistryMirror(string Host, string? Scheme = null)
{
    public override string ToString() => Scheme is null ? Host : $"{Scheme}://{Host}";
}
