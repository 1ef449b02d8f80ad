using ImageGate.Sigstore;
using ImageGate.Verification.Policy;

namespace ImageGate.Verification.Tests.Policy;

/// <summary>
/// ImagePolicy documents that are ambiguous or built to exhaust the reader: a key given twice (in YAML or in JSON)
/// and nesting far beyond any real policy are policy errors, never a crash (issue 9, item 2).
/// </summary>
public sealed class PolicyHostileInputTests
{
    private const string Head = "apiVersion: imagegate.dev/v1\nkind: ImagePolicy\nname: hostile\n";

    private static Failure? Read(string text) => ImagePolicyReader.TryRead(text, "policy.yaml", baseDirectory: null, out _);

    [Theory]
    [InlineData(Head + "name: again\nsignature:\n  identities:\n    - issuer: https://i\n      subject: https://s\n")]
    [InlineData(Head + "signature:\n  identities:\n    - issuer: https://i\n      subject: https://s\n      subject: https://evil\n")]
    [InlineData(Head + "signature:\n  identities:\n    - issuer: https://i\n      subject: https://s\n      extensions:\n        sourceRepositoryRef: refs/tags/v1\n        sourceRepositoryRef: refs/heads/main\n")]
    [InlineData(Head + "signature:\n  identities:\n    - issuer: https://i\n      subject: https://s\n      extensions:\n        sourceRepositoryRef: refs/tags/v1\n        1.3.6.1.4.1.57264.1.14: refs/heads/main\n")]
    [InlineData("""{"apiVersion":"imagegate.dev/v1","kind":"ImagePolicy","name":"a","signature":{"identities":[{"issuer":"https://i","subject":"https://s","subject":"https://evil"}]}}""")]
    public void A_key_given_twice_is_a_policy_error(string text)
    {
        var failure = Read(text);
        Assert.Equal(PolicyReasons.Invalid, failure?.Code);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("- ", "")]
    public void Nesting_a_hundred_thousand_levels_deep_is_a_policy_error(string open, string close)
    {
        // Flow collections nest on one line; block sequences ("- - - x") nest by indentation.
        var deep = string.Concat(Enumerable.Repeat(open, 100_000)) + "x" + string.Concat(Enumerable.Repeat(close, 100_000));
        var failure = Read(Head + "signature:\n  " + deep + "\n");
        Assert.Equal(PolicyReasons.Invalid, failure?.Code);
        Assert.Contains("nested deeper than", failure!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\t\n")]
    public void An_empty_cue_file_is_a_policy_error_not_a_policy_that_accepts_everything(string cue)
    {
        var dir = Directory.CreateTempSubdirectory("imagegate-cue-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "empty.cue"), cue);
            var text = Head + "attestations:\n  - predicateType: slsaprovenance\n    identities:\n      - issuer: https://i\n        subject: https://s\n    cue: empty.cue\n";
            var failure = ImagePolicyReader.TryRead(text, "policy.yaml", dir, out _);
            Assert.Equal(PolicyReasons.Invalid, failure?.Code);
            Assert.Contains("empty.cue is empty", failure!.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_deeply_nested_inline_cue_policy_is_a_policy_error()
    {
        var cue = string.Concat(Enumerable.Repeat("{a: ", 100_000)) + "1" + new string('}', 100_000);
        var text = Head + "attestations:\n  - predicateType: slsaprovenance\n    identities:\n      - issuer: https://i\n        subject: https://s\n    cue: |\n      " + cue + "\n      x: 1\n";
        Assert.Equal(PolicyReasons.Invalid, Read(text)?.Code);
    }
}
