namespace ImageGate.Re2;

/// <summary>What one match attempt found. A timeout is its own outcome so callers fail closed on it.</summary>
public enum Re2MatchOutcome
{
    NoMatch,
    Match,
    TimedOut,
}
