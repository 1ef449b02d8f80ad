using System.CommandLine;
using System.CommandLine.Parsing;

namespace ImageGate.Cli;

/// <summary>
/// A blank value on the command line (<c>--certificate-identity-regexp ''</c>, <c>--digest ""</c>) is a usage error,
/// never "not given": an empty pattern matches every signer and an empty digest would skip the check. Arguments after
/// <c>--</c> belong to the gated command (<c>imagegate exec -- CMD ''</c>) and are passed through untouched.
/// </summary>
internal static class CommandLineValues
{
    public static string? FindBlank(ParseResult parse)
    {
        var tokens = parse.Tokens;
        for (int i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Type == TokenType.DoubleDash)
            {
                return null;
            }
            if (token.Type == TokenType.Argument && string.IsNullOrWhiteSpace(token.Value))
            {
                return i > 0 && tokens[i - 1].Type == TokenType.Option
                    ? $"{tokens[i - 1].Value} was given an empty value; give a value or leave the option out"
                    : "an argument is empty; give a value";
            }
        }
        return null;
    }
}
