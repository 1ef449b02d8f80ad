namespace ImageGate.Sigstore.Certificates;

/// <summary>The kinds of subject alternative name cosign's legacy identity check compares.</summary>
public enum SubjectAlternativeNameKind
{
    Dns,
    Email,
    IpAddress,
    Uri,
    /// <summary>Fulcio's otherName 1.3.6.1.4.1.57264.1.7 (a username).</summary>
    OtherName,
}

/// <summary>One subject alternative name, as text.</summary>
public sealed record SubjectAlternativeName(SubjectAlternativeNameKind Kind, string Value);
