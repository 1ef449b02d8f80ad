namespace ImageGate.Sigstore.Formats;

public static class Hex
{
    /// <summary>Decodes hex of either case; false for odd length or non-hex characters.</summary>
    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null || text.Length % 2 != 0)
        {
            return false;
        }
        try
        {
            bytes = Convert.FromHexString(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
