using System.Text.Json.Nodes;

namespace ImageGate.Sigstore.Tests.Tuf;

/// <summary>
/// The real public-good TUF metadata of tests/fixtures/tuf/sigstore-public-good (sigstore/root-signing 60cf2ce):
/// pinned root v7, roots 8 to 15, timestamp v762, snapshot v165, targets v14 and the trusted_root.json they publish.
/// </summary>
internal static class PublicGoodMetadata
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "fixtures", "tuf", "sigstore-public-good");

    /// <summary>Every file is fresh at this time (timestamp v762 expires 2026-08-28, root v15 2026-11-20).</summary>
    public static readonly DateTimeOffset Fresh = new(2026, 8, 22, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Root v15 and timestamp v762 have expired; snapshot and targets (2036) have not.</summary>
    public static readonly DateTimeOffset Stale = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] PinnedRoot => File.ReadAllBytes(Path.Combine(Directory, "pinned", "7.root.json"));

    public static byte[] TrustedRoot => File.ReadAllBytes(Path.Combine(Directory, "trusted_root.json"));

    public static byte[] Older(string name) => File.ReadAllBytes(Path.Combine(Directory, "older", name));

    /// <summary>The metadata directory as the CLI would mount it: every *.json file but the target itself.</summary>
    public static MemoryTufFiles Files() => new(System.IO.Directory.GetFiles(Directory, "*.json")
        .Where(f => Path.GetFileName(f) != "trusted_root.json")
        .ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal));

    /// <summary>Rewrites one file's JSON (formatting is free: signatures cover the canonical form).</summary>
    public static void Edit(MemoryTufFiles files, string name, Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(files.Files[name])!.AsObject();
        edit(json);
        files.Files[name] = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    /// <summary>The signature entry of <paramref name="keyId"/> in a file's JSON.</summary>
    public static JsonObject Signature(JsonObject metadata, string keyId) =>
        metadata["signatures"]!.AsArray().Select(s => s!.AsObject()).Single(s => (string)s["keyid"]! == keyId);
}
