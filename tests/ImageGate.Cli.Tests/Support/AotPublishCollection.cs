namespace ImageGate.Cli.Tests.Support;

/// <summary>
/// The test classes that run scripts/publish-aot.sh. Each publish builds the same library projects into the same
/// artifacts/obj folders (libraries are RID-agnostic), so two publishes at once would race on them: one collection
/// runs them one after the other, while the other collections still run beside them.
/// </summary>
[CollectionDefinition(nameof(AotPublishCollection))]
public sealed class AotPublishCollection;
