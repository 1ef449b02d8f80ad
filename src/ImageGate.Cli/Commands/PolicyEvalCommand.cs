using System.CommandLine;
using ImageGate.Cli.Logging;
using ImageGate.Cli.Reasons;
using ImageGate.Cue;
using ImageGate.Verification.Policy;

namespace ImageGate.Cli.Commands;

/// <summary>
/// <c>policy eval --cue FILE... --input STATEMENT.json</c>: evaluates CUE policy files against one in-toto statement,
/// like <c>cue vet</c>, with the evaluator the image verification uses. Exit 0 satisfied, 1 violated (each
/// violation printed), 2 when a policy is invalid or a file cannot be read or parsed.
/// </summary>
internal static class PolicyEvalCommand
{
    public static Command Create()
    {
        var cue = new Option<string[]>("--cue")
        {
            Description = "A CUE policy file (repeatable; all files form one package).",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var input = new Option<string>("--input") { Description = "The in-toto statement (JSON) to evaluate.", Required = true };
        var concrete = new Option<bool>("--concrete") { Description = "Require every field to be concrete, as `cue vet -c` (absent constrained fields become violations)." };
        var command = new Command("eval", "Evaluate CUE policies against an in-toto statement (exit 0 satisfied, 1 violated, 2 invalid).")
        {
            cue, input, concrete,
        };
        command.SetAction((parse, cancellationToken) =>
            Task.FromResult(Run(parse.GetValue(cue) ?? [], parse.GetValue(input)!, parse.GetValue(concrete), cancellationToken)));
        return command;
    }

    private static int Run(string[] cueFiles, string inputFile, bool concrete, CancellationToken cancellationToken)
    {
        var files = new List<(string Name, string Text)>();
        foreach (var path in cueFiles)
        {
            if (InputFiles.TryRead(path, "CUE policy", CueLimits.Default.MaxInputBytes, out var bytes) is { } refused)
            {
                return Log.Refuse(refused);
            }
            files.Add((path, System.Text.Encoding.UTF8.GetString(bytes)));
        }
        var compilation = CuePolicy.Compile(files);
        if (!compilation.Succeeded)
        {
            Log.Refuse(compilation.Error!.Code, compilation.Error.Message);
            return ExitCodes.Usage;
        }
        if (InputFiles.TryRead(inputFile, "statement", CueLimits.Default.MaxInputBytes, out var statement) is { } unread)
        {
            return Log.Refuse(unread);
        }
        var result = compilation.Policy.Evaluate(statement, new CueEvaluationOptions { RequireConcrete = concrete }, cancellationToken);
        switch (result.Verdict)
        {
            case CueVerdict.Satisfied:
                Console.Out.WriteLine("satisfied");
                return ExitCodes.Verified;
            case CueVerdict.Violated:
                Console.Out.WriteLine($"{PolicyReasons.CueViolation}: {result.Violations.Count} violation(s)");
                foreach (var violation in result.Violations)
                {
                    Console.Out.WriteLine(violation);
                }
                return ExitCodes.Rejected;
            default:
                Log.Refuse(result.Error!.Code, result.Error.Message);
                return ExitCodes.Usage;
        }
    }
}
