using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageGate.Testing.VirtualSigstore;

/// <summary>Writes <c>trusted_root.json</c> (protos/sigstore_trustroot.proto, protojson: std base64, RFC 3339 times).</summary>
internal static class TrustedRootWriter
{
    public static byte[] Write(VirtualSigstore sigstore, TrustedRootOptions options)
    {
        var tlogs = new JsonArray();
        var cas = new JsonArray();
        var ctlogs = new JsonArray();
        var tsas = new JsonArray();
        foreach (var s in new[] { sigstore }.Concat(options.AlsoTrust))
        {
            var fallback = s.DefaultWindow;
            if (options.IncludeRekor)
            {
                var window = Window(options.RekorValidFor ?? fallback);
                if (options.OmitRekorValidForStart)
                {
                    window.Remove("start");
                }
                tlogs.Add((JsonNode)Log(s.Rekor.BaseUrl, s.Rekor.Key, s.Rekor.LogId, window));
            }
            if (options.IncludeRekorV2)
            {
                tlogs.Add((JsonNode)Log(s.RekorV2.BaseUrl, s.RekorV2.Key, s.RekorV2.KeyId, Window(options.RekorV2ValidFor ?? fallback)));
            }
            if (options.IncludeFulcio)
            {
                cas.Add((JsonNode)Authority(s.Fulcio.Uri, "virtual-fulcio", s.Fulcio.Chain, options.FulcioValidFor ?? fallback));
            }
            if (options.IncludeCtLog)
            {
                ctlogs.Add((JsonNode)Log(s.CtLog.BaseUrl, s.CtLog.Key, s.CtLog.LogId, Window(options.CtLogValidFor ?? fallback)));
            }
            if (options.IncludeTsa)
            {
                tsas.Add((JsonNode)Authority(s.Tsa.Uri, "virtual-tsa", s.Tsa.Chain, options.TsaValidFor ?? fallback));
            }
        }
        var root = new JsonObject
        {
            ["mediaType"] = options.MediaType,
            ["tlogs"] = tlogs,
            ["certificateAuthorities"] = cas,
            ["ctlogs"] = ctlogs,
            ["timestampAuthorities"] = tsas,
        };
        return Encoding.UTF8.GetBytes(root.ToJsonString(new() { WriteIndented = true }));
    }

    private static JsonObject Log(string baseUrl, SigningKey key, byte[] logId, JsonObject validFor) => new()
    {
        ["baseUrl"] = baseUrl,
        ["hashAlgorithm"] = "SHA2_256",
        ["publicKey"] = new JsonObject
        {
            ["rawBytes"] = Convert.ToBase64String(key.SubjectPublicKeyInfo),
            ["keyDetails"] = key.KeyDetails,
            ["validFor"] = validFor,
        },
        ["logId"] = new JsonObject { ["keyId"] = Convert.ToBase64String(logId) },
    };

    private static JsonObject Authority(string uri, string commonName, IReadOnlyList<X509Certificate2> chain, Window validFor)
    {
        var certificates = new JsonArray();
        foreach (var certificate in chain)
        {
            certificates.Add((JsonNode)new JsonObject { ["rawBytes"] = Convert.ToBase64String(certificate.RawData) });
        }
        return new JsonObject
        {
            ["subject"] = new JsonObject { ["organization"] = "virtual.test", ["commonName"] = commonName },
            ["uri"] = uri,
            ["certChain"] = new JsonObject { ["certificates"] = certificates },
            ["validFor"] = Window(validFor),
        };
    }

    private static JsonObject Window(Window window)
    {
        var json = new JsonObject { ["start"] = Rfc3339(window.Start) };
        if (window.End is { } end)
        {
            json["end"] = Rfc3339(end);
        }
        return json;
    }

    public static string Rfc3339(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
