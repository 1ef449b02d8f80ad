namespace ImageGate.Cue;

/// <summary>CUE kinds as bits, so a type (<c>number</c>) or a constraint's possible kinds is a mask.</summary>
[Flags]
internal enum Kind
{
    None = 0,
    Null = 1,
    Bool = 2,
    Int = 4,
    Float = 8,
    String = 16,
    Bytes = 32,
    Struct = 64,
    List = 128,
    Number = Int | Float,
    Top = Null | Bool | Number | String | Bytes | Struct | List,
}
