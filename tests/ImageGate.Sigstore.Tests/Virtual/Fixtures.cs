namespace ImageGate.Sigstore.Tests.Virtual;

internal static class Fixtures
{
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "virtual", name));
}
