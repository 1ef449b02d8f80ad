using System.Collections.Concurrent;
using System.Text.Json;
using ImageGate.Re2;

namespace ImageGate.Cue;

/// <summary>
/// A CUE attestation policy (one package, one or more files) checked against whole in-toto statements as cosign
/// does (<c>cuelang.org/go/encoding/json.Validate</c>): the statement is unified with the policy, structs are open,
/// and every conflict is a violation with its path. Compile once, evaluate many statements; thread-safe.
/// </summary>
public sealed class CuePolicy
{
    private readonly IReadOnlyList<SourceFile> _files;
    private readonly IReadOnlySet<string> _packageKeys;

    private CuePolicy(IReadOnlyList<SourceFile> files, IReadOnlySet<string> packageKeys, CueLimits limits)
    {
        _files = files;
        _packageKeys = packageKeys;
        Limits = limits;
    }

    public CueLimits Limits { get; }

    public IReadOnlyList<string> FileNames => _files.Select(f => f.Name).ToList();

    /// <summary>Compiled RE2 patterns, shared by evaluations.</summary>
    internal ConcurrentDictionary<string, Re2Regex> Regexes { get; } = new(StringComparer.Ordinal);

    public static CueCompilation Compile(IEnumerable<(string Name, string Text)> files, CueLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        limits ??= CueLimits.Default;
        var parsed = new List<SourceFile>();
        foreach (var (name, text) in files)
        {
            ArgumentNullException.ThrowIfNull(text);
            if (text.Length > limits.MaxPolicyBytes)
            {
                return Fail(new CuePolicyError(CueErrorCodes.Limit, $"policy is larger than {limits.MaxPolicyBytes} bytes", name));
            }
            if (!Parser.TryParse(text, name, limits.MaxDepth, out var source, out var error))
            {
                return Fail(error!);
            }
            parsed.Add(source!);
        }
        if (parsed.Count == 0)
        {
            return Fail(new CuePolicyError(CueErrorCodes.Syntax, "no policy file given"));
        }
        var packages = parsed.Select(p => p.Package ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (packages.Count > 1)
        {
            return Fail(new CuePolicyError(CueErrorCodes.Syntax,
                $"policy files belong to different packages ({string.Join(", ", packages.Select(p => p.Length == 0 ? "(none)" : p))})"));
        }
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in parsed)
        {
            keys.UnionWith(file.Body.DeclaredKeys);
        }
        foreach (var file in parsed)
        {
            if (Checker.Check(file, keys, limits) is { } error)
            {
                return Fail(error);
            }
        }
        return new CueCompilation(new CuePolicy(parsed, keys, limits), null);

        static CueCompilation Fail(CuePolicyError error) => new(null, error);
    }

    /// <summary>Unifies the statement (UTF-8 JSON) with the policy and reports every violation.</summary>
    public CueEvaluation Evaluate(ReadOnlyMemory<byte> statementJson, CueEvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= CueEvaluationOptions.Default;
        if (statementJson.Length > Limits.MaxInputBytes)
        {
            return CueEvaluation.Failed(new CuePolicyError(CueErrorCodes.Limit,
                $"statement is {statementJson.Length} bytes; at most {Limits.MaxInputBytes} are allowed"));
        }
        RawJson statement;
        try
        {
            statement = RawJson.Parse(statementJson, Limits.MaxDepth);
        }
        catch (JsonException e)
        {
            return CueEvaluation.Failed(new CuePolicyError(CueErrorCodes.InputMalformed, $"statement is not valid JSON: {e.Message}"));
        }
        var evaluator = new Evaluator(this, cancellationToken);
        var root = evaluator.Run(_files, _packageKeys, statement);
        if (evaluator.Fatal is { } fatal)
        {
            return CueEvaluation.Failed(fatal);
        }
        var violations = new List<CueViolation>();
        Collect(root, violations, options.RequireConcrete);
        var distinct = violations.Distinct().ToList();
        return distinct.Count == 0 ? CueEvaluation.Satisfied() : CueEvaluation.Violated(distinct);
    }

    private static void Collect(Vertex v, List<CueViolation> into, bool requireConcrete)
    {
        var error = v.Error ?? v.Leaf.Error;
        if (error is not null)
        {
            into.Add(new CueViolation(v.Path(), error));
            return;
        }
        if (v.Unconstrained)
        {
            // Plain statement JSON, checked to unify with itself: concrete, and nothing below it can be violated.
            return;
        }
        if (requireConcrete && v.Label.Kind != LabelKind.Hidden && !v.IsStruct && !v.IsList && (!v.Leaf.IsConcrete || v.Ambiguous))
        {
            var why = v.Ambiguous ? "unresolved disjunction" : v.Leaf.Incomplete ?? v.Leaf.Describe();
            into.Add(new CueViolation(v.Path(), $"incomplete value ({why})"));
        }
        foreach (var arc in v.ArcList)
        {
            if (arc.Label.Kind != LabelKind.Definition && arc.IsPresent && !arc.IsLet)
            {
                Collect(arc, into, requireConcrete);
            }
        }
    }
}
