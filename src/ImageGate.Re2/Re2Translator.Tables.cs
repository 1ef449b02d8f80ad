namespace ImageGate.Re2;

/// <summary>The fixed sets RE2 names: Perl classes (<c>\d \w \s</c>), POSIX classes and the Unicode general categories.</summary>
internal sealed partial class Re2Translator
{
    private const string WordClass = "0-9A-Za-z_";
    private static readonly (int Lo, int Hi)[] Digit = [(0x30, 0x39)];
    private static readonly (int Lo, int Hi)[] Word = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)];
    private static readonly (int Lo, int Hi)[] Space = [(0x09, 0x0A), (0x0C, 0x0D), (0x20, 0x20)];

    private static readonly Dictionary<string, (int Lo, int Hi)[]> Posix = new(StringComparer.Ordinal)
    {
        ["alnum"] = [(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)],
        ["alpha"] = [(0x41, 0x5A), (0x61, 0x7A)],
        ["ascii"] = [(0x00, 0x7F)],
        ["blank"] = [(0x09, 0x09), (0x20, 0x20)],
        ["cntrl"] = [(0x00, 0x1F), (0x7F, 0x7F)],
        ["digit"] = [(0x30, 0x39)],
        ["graph"] = [(0x21, 0x7E)],
        ["lower"] = [(0x61, 0x7A)],
        ["print"] = [(0x20, 0x7E)],
        ["punct"] = [(0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)],
        ["space"] = [(0x09, 0x0D), (0x20, 0x20)],
        ["upper"] = [(0x41, 0x5A)],
        ["word"] = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)],
        ["xdigit"] = [(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)],
    };

    // Unicode general categories both engines know; RE2's script names (\p{Greek}) have no .NET equivalent.
    private static readonly HashSet<string> Categories = new(StringComparer.Ordinal)
    {
        "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Ps", "Pe",
        "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co",
    };
}
