using System.Globalization;
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
