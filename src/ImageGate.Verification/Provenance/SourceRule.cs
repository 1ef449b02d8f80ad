using ImageGate.Sigstore;

namespace ImageGate.Verification.Provenance;

/// <summary>
/// Where it was built from (docs/provenance.md §2). <c>--source-uri</c> is compared exactly, never as a prefix: first
/// against the certificate's source repository (<c>owner/repo</c>, after removing a leading <c>git+https://</c> and
/// then <c>github.com/</c> from the expected value), then, normalised to <c>git+https://github.com/owner/repo</c>,
/// against the statement's trigger and first material with their <c>@ref</c> removed; both must carry a ref and be
/// the same URI.
/// </summary>
public static class SourceRule
{
    public static Failure? CheckCertificate(WorkflowIdentity identity, string expectedSourceUri)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(expectedSourceUri);
        string expected = expectedSourceUri.StartsWith("git+https://", StringComparison.Ordinal) ? expectedSourceUri["git+https://".Length..] : expectedSourceUri;
        expected = expected.StartsWith("github.com/", StringComparison.Ordinal) ? expected["github.com/".Length..] : expected;
        return identity.SourceRepository == expected ? null : Mismatch(
            $"source used to generate the binary does not match provenance: expected source '{expected}'; found '{identity.SourceRepository}' in the signing certificate");
    }

    public static Failure? CheckStatement(ProvenanceStatement statement, string expectedSourceUri)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(expectedSourceUri);
        string source = GitRefs.Normalize(expectedSourceUri);
        if (!source.StartsWith("git+https://github.com/", StringComparison.Ordinal))
        {
            return Mismatch($"expected a github.com source repository; found --source-uri \"{expectedSourceUri}\"");
        }
        if (statement.TriggerUri is not { } trigger || !GitRefs.TrySplit(trigger, out var triggerRepository, out var triggerRef))
        {
            return Malformed($"URI is malformed: expected the trigger as git+https://github.com/OWNER/REPO@REF; found {ProvenanceStatement.Quoted(statement.TriggerUri)}");
        }
        if (triggerRepository != source)
        {
            return Mismatch($"source used to generate the binary does not match provenance: expected {source}; found trigger \"{trigger}\"");
        }
        if (triggerRef.Length == 0)
        {
            return Malformed($"URI is malformed: the trigger \"{trigger}\" has no ref");
        }
        if (statement.SourceUri is not { } material || !GitRefs.TrySplit(material, out var materialRepository, out var materialRef))
        {
            return Malformed($"URI is malformed: expected the first material as git+https://github.com/OWNER/REPO@REF; found {ProvenanceStatement.Quoted(statement.SourceUri)}");
        }
        if (materialRepository != source)
        {
            return Mismatch($"source used to generate the binary does not match provenance: expected {source}; found material \"{material}\"");
        }
        if (materialRef.Length == 0)
        {
            return Malformed($"URI is malformed: the material \"{material}\" has no ref");
        }
        return trigger == material ? null : Malformed($"invalid DSSE envelope payload: the trigger \"{trigger}\" and the source \"{material}\" differ");
    }

    private static Failure Mismatch(string message) => new(ProvenanceReasons.SourceMismatch, message);

    private static Failure Malformed(string message) => new(ProvenanceReasons.Malformed, message);
}
