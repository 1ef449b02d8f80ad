using System.Text;
using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Sigstore.Tests.Virtual;

/// <summary>Rekor v2: C2SP checkpoints (origin = log host, key id hint), witness lines ignored, proof against the checkpoint.</summary>
public sealed class RekorV2RulesTests : VirtualTestBase
{
    private VirtualBundle V2() => Sigstore.SignDsse(Statement, new SignOptions { Kind = RekorKind.HashedRekordV002, IncludeTimestamp = true });

    private string SignedBy(string origin, string keyName, byte[] keyId, InclusionProofData proof)
    {
        string text = SignedNote.CheckpointText(origin, proof.TreeSize, proof.RootHash);
        return SignedNote.Assemble(text, [SignedNote.SignatureLine(keyName, keyId, Sigstore.RekorV2.Key.Sign(Encoding.UTF8.GetBytes(text)))]);
    }

    [Fact]
    public void Checkpoint_without_witnesses_verifies()
    {
        Sigstore.RekorV2.WitnessCosignatures = 0;
        AssertVerified(Verify(V2()));
    }

    [Fact]
    public void Checkpoint_with_another_origin_is_refused()
    {
        var bundle = V2();
        bundle.InclusionProof["checkpoint"]!["envelope"] = SignedBy("other.virtual.test", "other.virtual.test", Sigstore.RekorV2.KeyId, bundle.Proof!);
        AssertFails(ReasonCodes.TlogCheckpointInvalid, Verify(bundle));
    }

    [Fact]
    public void Checkpoint_signed_under_another_key_name_is_refused()
    {
        var bundle = V2();
        bundle.InclusionProof["checkpoint"]!["envelope"] = SignedBy(Sigstore.RekorV2.Origin, "other.virtual.test", Sigstore.RekorV2.KeyId, bundle.Proof!);
        AssertFails(ReasonCodes.TlogCheckpointInvalid, Verify(bundle));
    }

    [Fact]
    public void Checkpoint_with_another_key_hint_is_refused()
    {
        var bundle = V2();
        bundle.InclusionProof["checkpoint"]!["envelope"] = SignedBy(Sigstore.RekorV2.Origin, Sigstore.RekorV2.Origin, [1, 2, 3, 4], bundle.Proof!);
        AssertFails(ReasonCodes.TlogCheckpointInvalid, Verify(bundle));
    }

    [Fact]
    public void Checkpoint_with_only_witness_signatures_is_refused()
    {
        var bundle = V2();
        string checkpoint = bundle.Proof!.Checkpoint;
        var kept = checkpoint.Split('\n').Where(l => !l.StartsWith($"\u2014 {Sigstore.RekorV2.Origin} ", StringComparison.Ordinal));
        bundle.InclusionProof["checkpoint"]!["envelope"] = string.Join('\n', kept);
        AssertFails(ReasonCodes.TlogCheckpointInvalid, Verify(bundle));
    }

    [Fact]
    public void Proof_index_size_and_root_of_the_proof_itself_are_ignored()
    {
        var bundle = V2();
        bundle.InclusionProof["logIndex"] = "0";
        bundle.InclusionProof["treeSize"] = "1";
        bundle.InclusionProof["rootHash"] = Convert.ToBase64String(new byte[32]);
        AssertVerified(Verify(bundle));
    }

    [Fact]
    public void Entry_index_changed_is_refused()
    {
        var bundle = V2();
        bundle.TlogEntry["logIndex"] = (bundle.Proof!.LogIndex - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        AssertFails(ReasonCodes.TlogInclusionProofInvalid, Verify(bundle));
    }

    [Fact]
    public void Rekor_v2_entry_without_proof_is_refused_as_malformed() =>
        AssertFails(ReasonCodes.BundleMalformed, Verify(Sigstore.SignDsse(Statement,
            new SignOptions { Kind = RekorKind.HashedRekordV002, IncludeTimestamp = true, IncludeInclusionProof = false })));
}
