namespace ImageGate.Oci.Registry.Auth;

/// <summary>
/// Credentials for one registry as a docker config holds them: a user and password, or an
/// <c>identitytoken</c> (an OAuth2 refresh token) or a <c>registrytoken</c> (a bearer token used as is).
/// </summary>
public sealed record RegistryCredential(string? Username, string? Password, string? IdentityToken = null, string? RegistryToken = null)
{
    public bool HasPassword => !string.IsNullOrEmpty(Username) && Password is not null;

    /// <summary>Never print secrets.</summary>
    public override string ToString() => $"RegistryCredential({Username ?? "<token>"})";
}
