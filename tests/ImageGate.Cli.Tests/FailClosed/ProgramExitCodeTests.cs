using System.CommandLine;

namespace ImageGate.Cli.Tests.FailClosed;

/// <summary>An exception nobody expected is exit 4 with reason `internal`, never 1 ("rejected") or 0 (issue 9, item 6).</summary>
public sealed class ProgramExitCodeTests
{
    [Fact]
    public async Task An_unexpected_exception_in_a_command_is_exit_4_internal()
    {
        var root = new RootCommand("test");
        var boom = new Command("boom");
        boom.SetAction(int (_) => throw new InvalidOperationException("a bug"));
        root.Subcommands.Add(boom);
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        int exit;
        try
        {
            exit = await Program.RunAsync(root, ["boom"]);
        }
        finally
        {
            Console.SetError(saved);
        }
        Assert.Equal(ExitCodes.Internal, exit);
        Assert.Contains("error: internal: InvalidOperationException: a bug", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_exception_in_an_async_command_is_exit_4_internal()
    {
        var root = new RootCommand("test");
        var boom = new Command("boom");
        boom.SetAction(async Task<int> (_, cancellationToken) =>
        {
            await Task.Yield();
            throw new FormatException("late");
        });
        root.Subcommands.Add(boom);
        var saved = Console.Error;
        Console.SetError(TextWriter.Null);
        try
        {
            Assert.Equal(ExitCodes.Internal, await Program.RunAsync(root, ["boom"]));
        }
        finally
        {
            Console.SetError(saved);
        }
    }
}
