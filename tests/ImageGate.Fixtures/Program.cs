using System.Globalization;
using ImageGate.Testing.Oci;
using ImageGate.Testing.Pmg;

// imagegate-fixtures pmg OUT_DIR [SBOM_BYTES] [REGISTRY_URL REPOSITORY]
// Writes OUT_DIR/layout (OCI image layout), OUT_DIR/trusted_root.json and OUT_DIR/digest (the index digest) for
// the happy pmg-shaped release; with REGISTRY_URL (http://127.0.0.1:PORT/) also pushes it to REPOSITORY there.
// imagegate-fixtures release-files OUT_DIR WHEEL_BYTES
// Writes the Python release files (wheel of WHEEL_BYTES, sdist, multiple.intoto.jsonl) and OUT_DIR/trusted_root.json.
if (args is ["release-files", var filesDir, var wheelSize])
{
    using var signer = PmgSignedFixture.Create(new PmgFixtureOptions { SbomBytes = 1024 });
    var files = PmgReleaseFiles.Write(signer, filesDir, wheelBytes: int.Parse(wheelSize, CultureInfo.InvariantCulture));
    await File.WriteAllBytesAsync(Path.Combine(filesDir, "trusted_root.json"), signer.TrustedRootJson());
    Console.WriteLine(files.Wheel);
    return 0;
}
// imagegate-fixtures pod OUT_DIR LAYER.tar.gz CMD REGISTRY_URL USER PASSWORD CA.pem
// The pod rehearsal's releases: the pmg-shaped release signed, with LAYER as its runnable linux/amd64 image (CMD a
// shell command run by /bin/busybox sh -c), pushed as natrontech/pmg-exporter; the same image unsigned as
// unsigned/pmg-exporter. Writes OUT_DIR/trusted_root.json; prints "signed DIGEST" and "unsigned DIGEST".
if (args is ["pod", var podDir, var layerPath, var cmd, var registryUrl, var user, var password, var caPath])
{
    var layer = await File.ReadAllBytesAsync(layerPath);
    using var tar = new MemoryStream();
    using (var gunzip = new System.IO.Compression.GZipStream(new MemoryStream(layer), System.IO.Compression.CompressionMode.Decompress))
    {
        await gunzip.CopyToAsync(tar);
    }
    var image = new RunnableImage(layer, "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(tar.ToArray())), ["/bin/busybox", "sh", "-c", cmd]);
    var ca = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(caPath);
    using var handler = new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, certificate, chain, errors) =>
            errors == System.Net.Security.SslPolicyErrors.None || (chain is not null && certificate is not null && Trusted(chain, certificate, ca)),
    };
    using var client = new HttpClient(handler);
    var auth = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));
    using var signed = PmgSignedFixture.Create(new PmgFixtureOptions { SbomBytes = 64 * 1024, Amd64 = image });
    var none = new ArtifactKnobs { Omit = true };
    using var unsigned = PmgSignedFixture.Create(new PmgFixtureOptions { SbomBytes = 1024, Amd64 = image, Signature = none, Sbom = none, Provenance = none });
    await signed.Content.PushAsync(client, new Uri(registryUrl), PmgNames.Repository, auth, CancellationToken.None);
    await unsigned.Content.PushAsync(client, new Uri(registryUrl), "unsigned/pmg-exporter", auth, CancellationToken.None);
    Directory.CreateDirectory(podDir);
    await File.WriteAllBytesAsync(Path.Combine(podDir, "trusted_root.json"), signed.TrustedRootJson());
    Console.WriteLine($"signed {signed.IndexDigest}");
    Console.WriteLine($"unsigned {unsigned.IndexDigest}");
    return 0;
}
// imagegate-fixtures latency-proxy UPSTREAM_URL DELAY_MS
// A proxy on 127.0.0.1 in front of UPSTREAM holding every request DELAY_MS (LatencyProxy); prints its URL, then, for
// each line read on stdin, "REQUESTS ROUND_TRIPS" since the last line (and resets); exits at end of input.
if (args is ["latency-proxy", var upstream, var delayMs])
{
    await using var proxy = await LatencyProxy.StartAsync(new Uri(upstream), TimeSpan.FromMilliseconds(int.Parse(delayMs, CultureInfo.InvariantCulture)));
    Console.WriteLine(proxy.BaseAddress);
    while (await Console.In.ReadLineAsync() is not null)
    {
        Console.WriteLine($"{proxy.Requests} {proxy.RoundTrips}");
        proxy.Reset();
    }
    return 0;
}
if (args.Length is not (2 or 3 or 5) || args[0] != "pmg")
{
    await Console.Error.WriteLineAsync("usage: imagegate-fixtures pmg OUT_DIR [SBOM_BYTES] [REGISTRY_URL REPOSITORY] | release-files OUT_DIR WHEEL_BYTES");
    return 2;
}
string output = args[1];
int sbomBytes = args.Length >= 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : new PmgFixtureOptions().SbomBytes;
using var fixture = PmgSignedFixture.Create(new PmgFixtureOptions { SbomBytes = sbomBytes });
Directory.CreateDirectory(output);
fixture.WriteLayout(Path.Combine(output, "layout"));
await File.WriteAllBytesAsync(Path.Combine(output, "trusted_root.json"), fixture.TrustedRootJson());
await File.WriteAllTextAsync(Path.Combine(output, "digest"), fixture.IndexDigest + "\n");
if (args.Length == 5)
{
    using var http = new HttpClient();
    await fixture.PushAsync(http, new Uri(args[3]), args[4], CancellationToken.None);
}
Console.WriteLine(fixture.IndexDigest);
return 0;

// The registry's self-signed CA: trusted for this push only, by its exact certificate.
static bool Trusted(System.Security.Cryptography.X509Certificates.X509Chain chain, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate,
    System.Security.Cryptography.X509Certificates.X509Certificate2 ca)
{
    chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
    chain.ChainPolicy.CustomTrustStore.Add(ca);
    chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
    return chain.Build(certificate);
}
