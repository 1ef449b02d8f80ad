using System.Globalization;
using System.Text;

namespace ImageGate.Testing.Pmg;

/// <summary>
/// A syft-like CycloneDX 1.6 document, single-line JSON, grown with library components until it reaches the
/// requested size: pmg-exporter's real SBOM is about 1.5 MB, and the verifier must not care how big it gets.
/// </summary>
public static class PmgSbom
{
    public static byte[] Generate(int approximateBytes, string indexHex)
    {
        var json = new StringBuilder(approximateBytes + 1024);
        json.Append("{\"$schema\":\"http://cyclonedx.org/schema/bom-1.6.schema.json\",\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",")
            .Append("\"serialNumber\":\"urn:uuid:3f1c2b9e-7d4a-4e8b-9c61-0a5d2e7f8b13\",\"version\":1,")
            .Append("\"metadata\":{\"timestamp\":\"2026-08-03T12:00:00Z\",\"tools\":{\"components\":[{\"type\":\"application\",\"author\":\"anchore\",\"name\":\"syft\",\"version\":\"1.42.3\"}]},")
            .Append(CultureInfo.InvariantCulture, $"\"component\":{{\"bom-ref\":\"pkg:oci/ghcr.io/natrontech/pmg-exporter@sha256:{indexHex}\",\"type\":\"container\",\"name\":\"{PmgNames.ImageName}\",\"version\":\"sha256:{indexHex}\"}}}},")
            .Append("\"components\":[");
        for (int i = 0; json.Length < approximateBytes; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }
            json.Append(CultureInfo.InvariantCulture,
                $"{{\"bom-ref\":\"pkg:pypi/package-{i}@1.{i % 50}.{i % 7}?package-id={i:x8}\",\"type\":\"library\",\"name\":\"package-{i}\",\"version\":\"1.{i % 50}.{i % 7}\","
                + $"\"licenses\":[{{\"license\":{{\"id\":\"Apache-2.0\"}}}}],\"cpe\":\"cpe:2.3:a:package-{i}:package-{i}:1.{i % 50}.{i % 7}:*:*:*:*:*:*:*\","
                + $"\"purl\":\"pkg:pypi/package-{i}@1.{i % 50}.{i % 7}\",\"properties\":[{{\"name\":\"syft:package:foundBy\",\"value\":\"python-installed-package-cataloger\"}},"
                + $"{{\"name\":\"syft:location:0:path\",\"value\":\"/usr/local/lib/python3.14/site-packages/package_{i}-1.{i % 50}.{i % 7}.dist-info/METADATA\"}}]}}");
        }
        json.Append("]}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }
}
