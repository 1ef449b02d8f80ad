using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using ImageGate.Testing.VirtualSigstore;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Tsp;
using BcX509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace ImageGate.Sigstore.Tests.Virtual;

/// <summary>
/// VirtualSigstore checked without the verifier: shapes against the spec, signatures with .NET/BouncyCastle.
/// If these pass, a verifier failure on a virtual bundle is the verifier's.
/// </summary>
public sealed class VirtualSigstoreSelfTests : IDisposable
{
    private static readonly byte[] Artifact = Encoding.UTF8.GetBytes("hello, virtual sigstore\n");
    private readonly VirtualSigstore _sigstore = new();

    public void Dispose() => _sigstore.Dispose();

    private static string S(JsonNode? node) => node!.GetValue<string>();

    private static long L(JsonNode? node) => long.Parse(S(node), CultureInfo.InvariantCulture);

    private static byte[] B(JsonNode? node) => Convert.FromBase64String(S(node));

    [Fact]
    public void Trusted_root_describes_every_authority_with_ids_derived_from_their_keys()
    {
        var root = JsonNode.Parse(_sigstore.TrustedRootJson())!;
        Assert.Equal("application/vnd.dev.sigstore.trustedroot+json;version=0.1", S(root["mediaType"]));
        var tlogs = root["tlogs"]!.AsArray();
        Assert.Equal(2, tlogs.Count);
        Assert.Equal(SHA256.HashData(B(tlogs[0]!["publicKey"]!["rawBytes"])), B(tlogs[0]!["logId"]!["keyId"]));
        Assert.Equal("PKIX_ECDSA_P256_SHA_256", S(tlogs[0]!["publicKey"]!["keyDetails"]));
        Assert.Equal("2025-05-31T12:00:00Z", S(tlogs[0]!["publicKey"]!["validFor"]!["start"]));
        Assert.Null(tlogs[0]!["publicKey"]!["validFor"]!["end"]);

        // Rekor v2: C2SP key id = SHA-256(origin || '\n' || 0x01 || raw Ed25519 key); raw key = SPKI[12..].
        byte[] spki = B(tlogs[1]!["publicKey"]!["rawBytes"]);
        Assert.Equal(44, spki.Length);
        Assert.Equal("PKIX_ED25519", S(tlogs[1]!["publicKey"]!["keyDetails"]));
        string origin = new Uri(S(tlogs[1]!["baseUrl"])).Host;
        Assert.Equal(SHA256.HashData([.. Encoding.UTF8.GetBytes(origin), 0x0A, 0x01, .. spki[12..]]), B(tlogs[1]!["logId"]!["keyId"]));

        var ca = root["certificateAuthorities"]![0]!;
        var chain = ca["certChain"]!["certificates"]!.AsArray().Select(c => X509CertificateLoader.LoadCertificate(B(c!["rawBytes"]))).ToList();
        Assert.Equal(2, chain.Count);
        Assert.Equal(chain[1].Subject, chain[1].Issuer); // the anchor is last
        Assert.Equal(chain[1].Subject, chain[0].Issuer);
        Assert.Equal(SHA256.HashData(B(root["ctlogs"]![0]!["publicKey"]!["rawBytes"])), B(root["ctlogs"]![0]!["logId"]!["keyId"]));
        var tsaChain = root["timestampAuthorities"]![0]!["certChain"]!["certificates"]!.AsArray();
        var tsaLeaf = X509CertificateLoader.LoadCertificate(B(tsaChain[0]!["rawBytes"]));
        var eku = tsaLeaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        Assert.True(eku.Critical);
        Assert.Equal(["1.3.6.1.5.5.7.3.8"], eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value));
    }

    [Fact]
    public void Trusted_root_knobs_move_windows_and_drop_authorities()
    {
        var start = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var root = JsonNode.Parse(_sigstore.TrustedRootJson(new TrustedRootOptions
        {
            IncludeTsa = false,
            IncludeCtLog = false,
            IncludeRekorV2 = false,
            FulcioValidFor = new Window(start, start.AddDays(1)),
            OmitRekorValidForStart = true,
        }))!;
        Assert.Empty(root["timestampAuthorities"]!.AsArray());
        Assert.Empty(root["ctlogs"]!.AsArray());
        Assert.Single(root["tlogs"]!.AsArray());
        Assert.Null(root["tlogs"]![0]!["publicKey"]!["validFor"]!["start"]);
        Assert.Equal("2020-01-02T03:04:05Z", S(root["certificateAuthorities"]![0]!["validFor"]!["start"]));
        Assert.Equal("2020-01-03T03:04:05Z", S(root["certificateAuthorities"]![0]!["validFor"]!["end"]));
    }

    [Fact]
    public void Dsse_bundle_has_the_v03_shape_and_every_signature_in_it_verifies()
    {
        byte[] statement = InTotoStatements.StatementFor(Artifact);
        var bundle = _sigstore.SignDsse(statement);
        var json = JsonNode.Parse(bundle.ToBytes())!;
        Assert.Equal("application/vnd.dev.sigstore.bundle+json;version=0.3", S(json["mediaType"]));
        var leaf = X509CertificateLoader.LoadCertificate(B(json["verificationMaterial"]!["certificate"]!["rawBytes"]));

        var envelope = json["dsseEnvelope"]!;
        Assert.Equal(statement, B(envelope["payload"]));
        Assert.Equal("application/vnd.in-toto+json", S(envelope["payloadType"]));
        byte[] signature = B(envelope["signatures"]![0]!["sig"]);
        byte[] pae = [.. Encoding.UTF8.GetBytes($"DSSEv1 28 application/vnd.in-toto+json {statement.Length} "), .. statement];
        using (var leafKey = leaf.GetECDsaPublicKey()!)
        {
            Assert.True(leafKey.VerifyData(pae, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }

        var entry = json["verificationMaterial"]!["tlogEntries"]![0]!;
        Assert.Equal("dsse", S(entry["kindVersion"]!["kind"]));
        Assert.Equal("0.0.1", S(entry["kindVersion"]!["version"]));
        byte[] body = B(entry["canonicalizedBody"]);
        var bodyJson = JsonNode.Parse(body)!;
        Assert.Equal(body, Jcs.Canonicalize(bodyJson)); // canonical: sorted keys, compact
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(statement)), S(bodyJson["spec"]!["payloadHash"]!["value"]));
        Assert.Equal(signature, B(bodyJson["spec"]!["signatures"]![0]!["signature"]));
        Assert.Equal(Der.CertificatePem(leaf.RawData), Encoding.UTF8.GetString(B(bodyJson["spec"]!["signatures"]![0]!["verifier"])));

        // SET over the JCS message with the global index; the leaf was valid at the integrated time.
        long integratedTime = L(entry["integratedTime"]);
        long globalIndex = L(entry["logIndex"]);
        Assert.Equal(_sigstore.Rekor.GlobalIndexOffset + L(entry["inclusionProof"]!["logIndex"]), globalIndex);
        string message = $"{{\"body\":\"{S(entry["canonicalizedBody"])}\",\"integratedTime\":{integratedTime},\"logID\":\"{Convert.ToHexStringLower(B(entry["logId"]!["keyId"]))}\",\"logIndex\":{globalIndex}}}";
        Assert.True(_sigstore.Rekor.Key.Ecdsa!.VerifyData(Encoding.UTF8.GetBytes(message), B(entry["inclusionPromise"]!["signedEntryTimestamp"]),
            HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.InRange(DateTimeOffset.FromUnixTimeSeconds(integratedTime), new DateTimeOffset(leaf.NotBefore), new DateTimeOffset(leaf.NotAfter));

        // Inclusion proof with the shard index, and a checkpoint over the same root signed by the log key.
        var proof = entry["inclusionProof"]!;
        var hashes = proof["hashes"]!.AsArray().Select(h => B(h)).ToList();
        Assert.True(hashes.Count >= 3);
        Assert.Equal(B(proof["rootHash"]), Rfc9162.RootFromProof(L(proof["logIndex"]), L(proof["treeSize"]), MerkleTree.HashLeaf(body), hashes));
        string checkpoint = S(proof["checkpoint"]!["envelope"]);
        int split = checkpoint.LastIndexOf("\n\n", StringComparison.Ordinal);
        string note = checkpoint[..(split + 1)];
        Assert.Equal($"rekor.virtual.test - {_sigstore.Rekor.TreeId}\n{L(proof["treeSize"])}\n{S(proof["rootHash"])}\n", note);
        string line = checkpoint[(split + 2)..].TrimEnd('\n');
        Assert.StartsWith("\u2014 rekor.virtual.test ", line, StringComparison.Ordinal);
        byte[] signed = Convert.FromBase64String(line.Split(' ')[2]);
        Assert.Equal(B(entry["logId"]!["keyId"])[..4], signed[..4]);
        Assert.True(_sigstore.Rekor.Key.Ecdsa!.VerifyData(Encoding.UTF8.GetBytes(note), signed[4..], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void Leaf_certificate_chains_to_the_virtual_fulcio_and_carries_fulcio_extensions()
    {
        var bundle = _sigstore.SignMessage(Artifact, new SignOptions { ExtraExtensions = FulcioExtensions.GitHubWorkflow() });
        var leaf = bundle.Certificate!;
        Assert.Equal("", leaf.Subject);
        var san = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.True(san.Critical);
        Assert.Equal(VirtualSigstore.DefaultIssuer, Encoding.UTF8.GetString(leaf.Extensions[FulcioExtensions.IssuerV1]!.RawData));
        var v2 = new AsnReader(leaf.Extensions[FulcioExtensions.IssuerV2]!.RawData, AsnEncodingRules.DER).ReadCharacterString(UniversalTagNumber.UTF8String);
        Assert.Equal(VirtualSigstore.DefaultIssuer, v2);
        Assert.Equal("push", Encoding.UTF8.GetString(leaf.Extensions["1.3.6.1.4.1.57264.1.2"]!.RawData));
        Assert.Equal(TimeSpan.FromMinutes(10), leaf.NotAfter - leaf.NotBefore);

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_sigstore.Fulcio.Root);
        chain.ChainPolicy.ExtraStore.Add(_sigstore.Fulcio.Intermediate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.3"));
        chain.ChainPolicy.VerificationTime = bundle.SignedAt.UtcDateTime;
        // .NET does not know Fulcio's private extensions; they are non-critical, so the chain still builds.
        Assert.True(chain.Build(leaf), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    [Fact]
    public void Embedded_sct_verifies_over_the_precertificate_tbs_with_the_ct_log_key()
    {
        var leaf = _sigstore.SignMessage(Artifact).Certificate!;
        var (tbs, list) = Precertificate.Split(leaf.RawData);
        Assert.Equal(list.Length - 2, BinaryPrimitives.ReadUInt16BigEndian(list));
        byte[] sct = list[4..];
        Assert.Equal(sct.Length, BinaryPrimitives.ReadUInt16BigEndian(list.AsSpan(2)));
        Assert.Equal(0, sct[0]);
        Assert.Equal(_sigstore.CtLog.LogId, sct[1..33]);
        ulong ms = BinaryPrimitives.ReadUInt64BigEndian(sct.AsSpan(33));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(sct.AsSpan(41))); // no extensions
        Assert.Equal([4, 3], sct[43..45]);
        byte[] signature = sct[47..];
        Assert.Equal(signature.Length, BinaryPrimitives.ReadUInt16BigEndian(sct.AsSpan(45)));

        byte[] issuerKeyHash = SHA256.HashData(_sigstore.Fulcio.Intermediate.PublicKey.ExportSubjectPublicKeyInfo());
        var input = new List<byte> { 0, 0 };
        input.AddRange(sct[33..41]);
        input.AddRange(new byte[] { 0, 1 });
        input.AddRange(issuerKeyHash);
        input.AddRange(new[] { (byte)(tbs.Length >> 16), (byte)(tbs.Length >> 8), (byte)tbs.Length });
        input.AddRange(tbs);
        input.AddRange(new byte[] { 0, 0 });
        Assert.True(_sigstore.CtLog.Key.Ecdsa!.VerifyData(input.ToArray(), signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.Equal(new DateTimeOffset(leaf.NotBefore).ToUnixTimeMilliseconds(), (long)ms);
    }

    [Fact]
    public void Timestamp_is_a_granted_response_over_the_signature_signed_by_the_tsa_leaf()
    {
        var bundle = _sigstore.SignDsse(InTotoStatements.StatementFor(Artifact), new SignOptions { IncludeTimestamp = true });
        byte[] der = B(JsonNode.Parse(bundle.ToBytes())!["verificationMaterial"]!["timestampVerificationData"]!["rfc3161Timestamps"]![0]!["signedTimestamp"]);
        var response = new TimeStampResponse(der);
        Assert.Equal(0, response.Status);
        var token = response.TimeStampToken;
        token.Validate(new BcX509Certificate(_sigstore.Tsa.Leaf.RawData)); // throws when the signature or ESSCertIDv2 is wrong
        Assert.Equal(SHA256.HashData(bundle.Signature), token.TimeStampInfo.GetMessageImprintDigest());
        Assert.Equal(bundle.SignedAt, new DateTimeOffset(token.TimeStampInfo.GenTime, TimeSpan.Zero));
    }

    [Fact]
    public void Intoto_body_double_base64s_the_payload_and_signature()
    {
        byte[] statement = InTotoStatements.StatementFor(Artifact);
        var bundle = _sigstore.SignDsse(statement, new SignOptions { Kind = RekorKind.IntotoV002 });
        var envelope = JsonNode.Parse(bundle.Body!)!["spec"]!["content"]!["envelope"]!;
        Assert.Equal(Convert.ToBase64String(statement), Encoding.UTF8.GetString(B(envelope["payload"])));
        Assert.Equal(Convert.ToBase64String(bundle.Signature), Encoding.UTF8.GetString(B(envelope["signatures"]![0]!["sig"])));
    }

    [Fact]
    public void Rekor_v2_entry_logs_the_pae_digest_and_its_checkpoint_verifies_with_ed25519()
    {
        byte[] statement = InTotoStatements.StatementFor(Artifact);
        var bundle = _sigstore.SignDsse(statement, new SignOptions { Kind = RekorKind.HashedRekordV002, IncludeTimestamp = true });
        var entry = bundle.TlogEntry;
        Assert.Null(entry["integratedTime"]);
        Assert.Null(entry["inclusionPromise"]);
        Assert.Equal(_sigstore.RekorV2.KeyId, B(entry["logId"]!["keyId"]));
        var data = JsonNode.Parse(bundle.Body!)!["spec"]!["hashedRekordV002"]!["data"]!;
        Assert.Equal("SHA2_256", S(data["algorithm"]));
        Assert.Equal(SHA256.HashData(DssePae.Pae(DssePae.InTotoPayloadType, statement)), B(data["digest"]));

        string checkpoint = S(entry["inclusionProof"]!["checkpoint"]!["envelope"]);
        int split = checkpoint.LastIndexOf("\n\n", StringComparison.Ordinal);
        string note = checkpoint[..(split + 1)];
        Assert.StartsWith($"{_sigstore.RekorV2.Origin}\n", note, StringComparison.Ordinal);
        var lines = checkpoint[(split + 2)..].TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length); // the log's line and two witnesses
        byte[] own = Convert.FromBase64String(lines.Single(l => l.StartsWith($"\u2014 {_sigstore.RekorV2.Origin} ", StringComparison.Ordinal)).Split(' ')[2]);
        Assert.Equal(_sigstore.RekorV2.KeyId[..4], own[..4]);
        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(_sigstore.RekorV2.Key.RawEd25519PublicKey));
        byte[] noteBytes = Encoding.UTF8.GetBytes(note);
        verifier.BlockUpdate(noteBytes, 0, noteBytes.Length);
        Assert.True(verifier.VerifySignature(own[4..]));
    }

    [Fact]
    public void Key_signed_bundle_has_a_public_key_hint_and_logs_the_key_pem()
    {
        using var key = new SigningKey(KeyType.EcdsaP256);
        var bundle = _sigstore.SignMessage(Artifact, new SignOptions { Key = key });
        Assert.NotNull(bundle.VerificationMaterial["publicKey"]!["hint"]);
        Assert.Null(bundle.Certificate);
        var spec = JsonNode.Parse(bundle.Body!)!["spec"]!;
        Assert.Equal(key.PublicKeyPem, Encoding.UTF8.GetString(B(spec["signature"]!["publicKey"]!["content"])));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Artifact)), S(spec["data"]!["hash"]!["value"]));
        Assert.True(key.Ecdsa!.VerifyData(Artifact, bundle.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Theory]
    [InlineData(BundleVersion.V01, "application/vnd.dev.sigstore.bundle+json;version=0.1", "x509CertificateChain", false)]
    [InlineData(BundleVersion.V02, "application/vnd.dev.sigstore.bundle+json;version=0.2", "x509CertificateChain", true)]
    [InlineData(BundleVersion.V03, "application/vnd.dev.sigstore.bundle+json;version=0.3", "certificate", true)]
    [InlineData(BundleVersion.V03Canonical, "application/vnd.dev.sigstore.bundle.v0.3+json", "certificate", true)]
    public void Bundle_versions_carry_their_media_type_material_and_proof(BundleVersion version, string mediaType, string material, bool proof)
    {
        var bundle = _sigstore.SignMessage(Artifact, new SignOptions { Version = version });
        Assert.Equal(mediaType, S(bundle.Json["mediaType"]));
        Assert.NotNull(bundle.VerificationMaterial[material]);
        Assert.Equal(proof, bundle.TlogEntry["inclusionProof"] is not null);
        Assert.NotNull(bundle.TlogEntry["inclusionPromise"]);
    }
}
