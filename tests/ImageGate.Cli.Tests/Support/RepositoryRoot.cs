namespace ImageGate.Cli.Tests.Support;

/// <summary>The checkout the tests run from (global.json beside docs/): for tests of its scripts, docs and deploy/.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "global.json")) && Directory.Exists(System.IO.Path.Combine(dir.FullName, "docs")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root (global.json beside docs/) not found above " + AppContext.BaseDirectory);
    });

    public static string Path => Root.Value;
}
