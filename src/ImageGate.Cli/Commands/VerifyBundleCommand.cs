using System.CommandLine;
using ImageGate.Cli.Logging;
using ImageGate.Cli.Reasons;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Crypto;
using ImageGate.Sigstore.Identity;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Cli.Commands;

/// <summary>
/// <c>verify-bundle</c>: one Sigstore bundle, exactly the sigstore-conformance CLI protocol
/// (conformance/cli_protocol.md). Exit 0 verified, 1 rejected, 2 usage or configuration, 3 unreadable input.
/// </summary>
internal static class VerifyBundleCommand
{
    public static Command Create()
    {
        var staging = new Option<bool>("--staging") { Description = "Use the Sigstore staging trust root as the default." };
        var bundle = new Option<string>("--bundle") { Description = "The Sigstore bundle to verify.", Required = true };
        var identity = new Option<string?>("--certificate-identity") { Description = "The exact expected SAN of the signing certificate." };
        var identityRegex = new Option<string?>("--certificate-identity-regexp") { Description = "An RE2 regex the SAN must match (unanchored)." };
        var issuer = new Option<string?>("--certificate-oidc-issuer") { Description = "The exact expected OIDC issuer." };
        var issuerRegex = new Option<string?>("--certificate-oidc-issuer-regexp") { Description = "An RE2 regex the OIDC issuer must match (unanchored)." };
        var key = new Option<string?>("--key") { Description = "A PEM public key, for key-signed bundles." };
        var trustedRoot = new Option<string?>("--trusted-root") { Description = "trusted_root.json (default: the embedded Sigstore public-good root)." };
        var artifact = new Argument<string>("FILE_OR_DIGEST") { Description = "The artifact, or its digest as sha256:<hex>, sha384:<hex> or sha512:<hex>." };

        var command = new Command("verify-bundle", "Verify one Sigstore bundle offline (sigstore-conformance CLI protocol).")
        {
            staging, bundle, identity, identityRegex, issuer, issuerRegex, key, trustedRoot, artifact,
        };
        command.SetAction(parse =>
        {
            var output = Console.Out;
            SignerPolicy signer;
            var keyPath = parse.GetValue(key);
            if (keyPath is not null)
            {
                if (InputFiles.TryRead(keyPath, "public key", InputFiles.MaxKeyBytes, out var pem) is { } refused)
                {
                    return Log.Refuse(refused);
                }
                if (!VerificationKey.TryCreateFromPem(System.Text.Encoding.UTF8.GetString(pem), out var publicKey))
                {
                    return Log.Refuse(CliReasons.Usage, $"--key {keyPath} is not a PEM public key of a supported type");
                }
                signer = SignerPolicy.ForKey(publicKey!);
            }
            else
            {
                var matcher = new IdentityMatcher
                {
                    SubjectAlternativeName = parse.GetValue(identity),
                    SubjectAlternativeNameRegex = parse.GetValue(identityRegex),
                    Issuer = parse.GetValue(issuer),
                    IssuerRegex = parse.GetValue(issuerRegex),
                };
                if (matcher.Validate() is { } invalid)
                {
                    Log.Refuse(invalid.Code, invalid.Message + "; give --key, or one certificate identity and one OIDC issuer (exact or -regexp)");
                    return ExitCodes.Usage;
                }
                signer = SignerPolicy.ForIdentity(matcher);
            }

            // Usage before the trust root and bundle are read: a mistyped digest is reported as such, whatever the bundle holds.
            var digest = DigestArgument.TryParse(parse.GetValue(artifact)!, out var digestPolicy, out var digestError);
            if (digest == false)
            {
                return Log.Refuse(CliReasons.Usage, digestError!);
            }

            if (TrustRootLoader.TryLoad(parse.GetValue(trustedRoot), parse.GetValue(staging), out var root) is { } unloadable)
            {
                return Log.Refuse(unloadable);
            }
            if (TrustRootCapacity.Check(root!, VerifierOptions.Default.TlogThreshold, VerifierOptions.Default.SctThreshold, keyless: keyPath is null) is { } unmeetable)
            {
                Log.Refuse(unmeetable);
                return ExitCodes.Usage;
            }
            var bundlePath = parse.GetValue(bundle)!;
            if (InputFiles.TryRead(bundlePath, "bundle", Limits.MaxBundleBytes, out var bundleBytes) is { } unread)
            {
                return Log.Refuse(unread);
            }
            var failure = BundleParser.TryParse(bundleBytes, out var parsed);
            if (failure is not null)
            {
                // The conformance protocol: a bundle that cannot be parsed is rejected (exit 1), whatever its reason.
                Log.Refuse(failure);
                return ExitCodes.Rejected;
            }
            var subject = parse.GetValue(artifact)!;
            ArtifactPolicy policy;
            if (digest == true)
            {
                policy = digestPolicy!;
            }
            else
            {
                if (InputFiles.TryRead(subject, "artifact", InputFiles.MaxArtifactBytes, out var artifactBytes) is { } missing)
                {
                    return Log.Refuse(missing);
                }
                policy = ArtifactPolicy.ForArtifact(artifactBytes);
            }
            var result = new BundleVerifier(root!).Verify(parsed!, policy, signer);
            if (!result.IsVerified)
            {
                Log.Refuse(result.Failure!);
                return ExitCodes.Rejected;
            }
            output.WriteLine(result.SignerIdentity is null
                ? $"verified: {policy.DigestText} signed by the given key"
                : $"verified: {policy.DigestText} signed by {result.SignerIdentity} ({result.SignerIssuer})");
            return ExitCodes.Verified;
        });
        return command;
    }
}
