using System.CommandLine;

namespace ImageGate.Cli;

/// <summary>
/// Every option can also come from an <c>IMAGEGATE_*</c> environment variable (a pod spec sets env more easily
/// than args); an argument on the command line wins.
/// </summary>
internal static class EnvironmentDefaults
{
    public static string? Get(ParseResult parse, Option<string?> option, string variable)
    {
        var value = parse.GetValue(option);
        if (value is not null || parse.GetResult(option) is { Implicit: false })
        {
            return value;
        }
        var env = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(env) ? null : env;
    }
}
