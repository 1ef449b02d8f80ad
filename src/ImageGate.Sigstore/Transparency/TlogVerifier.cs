using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Transparency;

/// <summary>
/// §4.2: every transparency-log entry of a bundle. An entry from a log the trust root does not know is skipped
/// (it counts for nothing); an entry whose SET fails is skipped too; a failing inclusion proof, checkpoint or
/// body binding is a hard error. Integrated times become trusted only under a verified SET, one per log. The
/// threshold counts distinct trusted logs: a second entry in a log already counted adds nothing, and the same
/// entry (log and index) given twice is refused outright.
/// </summary>
internal static partial class TlogVerifier
{
    public sealed record Outcome(IReadOnlyList<TlogEntry> Verified, IReadOnlyList<VerifiedTimestamp> IntegratedTimes, bool AllRekorV2);

    public static Failure? Verify(SigstoreBundle bundle, SignedContent content, TrustedRoot root, VerifierOptions options, DateTimeOffset? certNotBefore, DateTimeOffset? certNotAfter, out Outcome outcome)
    {
        outcome = new Outcome([], [], false);
        int threshold = options.TlogThreshold;
        // A v0.1 bundle and a cosign legacy layer (§4.7 step 2) may carry a SET without an inclusion proof;
        // the parser holds v0.2+ bundles to their proof, and this holds everything else to it too.
        bool promiseSuffices = bundle.MinorVersion == 1 || options.Legacy?.AcceptsPromiseWithoutProof == true;
        var verified = new List<TlogEntry>();
        var times = new List<VerifiedTimestamp>();
        var seen = new HashSet<string>();
        var verifiedLogs = new HashSet<string>();
        int unknownLogs = 0;
        Failure? skippedSet = null;
        bool allV2 = bundle.TlogEntries.Count > 0;
        foreach (var entry in bundle.TlogEntries)
        {
            var failure = RekorBody.TryParse(entry.CanonicalizedBody, out var body);
            if (failure is not null)
            {
                return failure;
            }
            allV2 &= body!.IsRekorV2;
            if (body.Kind != entry.Kind || body.ApiVersion != entry.KindVersion)
            {
                return new Failure(ReasonCodes.TlogBodyMismatch,
                    $"the entry says it is {entry.Kind} {entry.KindVersion} but its body is {body.Kind} {body.ApiVersion}");
            }
            if (!seen.Add($"{Convert.ToHexStringLower(entry.LogId)}/{entry.LogIndex}"))
            {
                return new Failure(ReasonCodes.TlogDuplicateEntry, $"log entry {entry.LogIndex} appears twice");
            }
            failure = BodyBinding.Check(body, content);
            if (failure is not null)
            {
                return failure;
            }
            if (entry.IntegratedTime != 0 && certNotBefore is { } nb && certNotAfter is { } na)
            {
                var t = DateTimeOffset.FromUnixTimeSeconds(entry.IntegratedTime);
                if (t < nb || t > na)
                {
                    return new Failure(ReasonCodes.TlogTimeOutsideCertificate,
                        $"log entry {entry.LogIndex} was integrated at {t:O}, outside the signing certificate's validity [{nb:O}, {na:O}]");
                }
            }
            var log = root.FindTransparencyLog(entry.LogId);
            if (log?.Key is null)
            {
                unknownLogs++;
                continue;
            }
            if (entry.SignedEntryTimestamp is null && entry.InclusionProof is null)
            {
                return new Failure(ReasonCodes.TlogMissingProof, $"log entry {entry.LogIndex} has neither an inclusion proof nor a signed entry timestamp");
            }
            if (entry.InclusionProof is null && !promiseSuffices)
            {
                return new Failure(ReasonCodes.TlogMissingProof, $"log entry {entry.LogIndex} has no inclusion proof, which a v{BundleMediaType.Name(bundle.MinorVersion)} bundle requires");
            }
            if (body.IsRekorV2 && entry.InclusionProof is null)
            {
                return new Failure(ReasonCodes.TlogMissingProof, $"Rekor v2 entry {entry.LogIndex} has no inclusion proof");
            }
            bool setVerified = false;
            if (entry.SignedEntryTimestamp is not null && !body.IsRekorV2)
            {
                if (SignedEntryTimestamp.Verify(entry, log) is { } setFailure)
                {
                    skippedSet ??= setFailure;
                    continue;
                }
                setVerified = true;
            }
            if (entry.InclusionProof is { } proof)
            {
                failure = VerifyInclusion(entry, proof, log);
                if (failure is not null)
                {
                    return failure;
                }
            }
            if (setVerified && verifiedLogs.Add(log.LogIdHex))
            {
                times.Add(new VerifiedTimestamp(TimestampSource.TransparencyLog, DateTimeOffset.FromUnixTimeSeconds(entry.IntegratedTime), log.BaseUrl));
            }
            verifiedLogs.Add(log.LogIdHex);
            verified.Add(entry);
        }
        var distinct = new HashSet<string>(verified.Select(e => Convert.ToHexStringLower(e.LogId)));
        if (distinct.Count < threshold)
        {
            // An entry skipped for its SET is the likeliest reason; say so rather than only counting.
            if (distinct.Count == 0 && skippedSet is not null)
            {
                return skippedSet;
            }
            string unknown = unknownLogs > 0 ? $" ({unknownLogs} from a log the trust root does not hold)" : string.Empty;
            return new Failure(ReasonCodes.TlogThresholdNotMet,
                $"expected entries verified in at least {threshold} distinct trusted transparency log(s); found {distinct.Count} among {bundle.TlogEntries.Count} entries{unknown}");
        }
        outcome = new Outcome(verified, times, allV2);
        return null;
    }

    private static Failure? VerifyInclusion(TlogEntry entry, InclusionProof proof, TransparencyLog log)
    {
        if (proof.Checkpoint is null)
        {
            return new Failure(ReasonCodes.TlogCheckpointInvalid, $"the inclusion proof of entry {entry.LogIndex} has no checkpoint");
        }
        var failure = SignedNote.TryParse(proof.Checkpoint, out var note);
        if (failure is not null)
        {
            return failure;
        }
        var leaf = MerkleInclusion.HashLeaf(entry.CanonicalizedBody);
        if (RekorV1Origin().IsMatch(note!.Origin))
        {
            // Rekor v1: the proof uses the shard index and carries its own root, which the checkpoint must sign.
            if (!MerkleInclusion.Verify(proof.LogIndex, proof.TreeSize, leaf, proof.Hashes, proof.RootHash))
            {
                return ProofInvalid(entry, $"index {proof.LogIndex} in a tree of {proof.TreeSize}");
            }
            failure = CheckpointVerifier.VerifyRekorV1(note, log);
            if (failure is not null)
            {
                return failure;
            }
            if (!CryptographicOperations.FixedTimeEquals(note.RootHash, proof.RootHash))
            {
                return new Failure(ReasonCodes.TlogCheckpointInvalid,
                    $"the checkpoint signs root {Convert.ToBase64String(note.RootHash)}, not the proof's root {Convert.ToBase64String(proof.RootHash)}");
            }
            return null;
        }
        // Rekor v2 (CLIENTS.md): ignore the proof's own index, size and root; use the entry's index and the
        // size and root of the verified checkpoint.
        if (log.BaseUrl.Length == 0)
        {
            return new Failure(ReasonCodes.TlogCheckpointInvalid, "the trust root gives no baseUrl for the Rekor v2 log, so its checkpoint origin is unknown");
        }
        failure = CheckpointVerifier.VerifyRekorV2(note, log);
        if (failure is not null)
        {
            return failure;
        }
        if (!MerkleInclusion.Verify(entry.LogIndex, note.Size, leaf, proof.Hashes, note.RootHash))
        {
            return ProofInvalid(entry, $"index {entry.LogIndex} in the checkpoint's tree of {note.Size}");
        }
        return null;
    }

    private static Failure ProofInvalid(TlogEntry entry, string where) =>
        new(ReasonCodes.TlogInclusionProofInvalid, $"the inclusion proof of entry {entry.LogIndex} ({where}) does not lead to the logged root hash");

    [GeneratedRegex("^.* - [0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RekorV1Origin();
}
