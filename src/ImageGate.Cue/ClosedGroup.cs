namespace ImageGate.Cue;

/// <summary>
/// The labels one struct literal (with its embeddings) allows. When reached through a definition the group is
/// closed: a regular field outside it is "not allowed", unless the literal has <c>...</c>.
/// </summary>
internal sealed class ClosedGroup
{
    public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

    public bool Closed { get; set; }

    public bool Open { get; set; }
}
