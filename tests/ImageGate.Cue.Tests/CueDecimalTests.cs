using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using CsCheck;
using ImageGate.Cue;

namespace ImageGate.Cue.Tests;

/// <summary>
/// The exact decimal under CUE numbers, against a reference that is plain <see cref="BigInteger"/> arithmetic on the
/// literal's digits with an explicit scale (value = digits × 10^scale).
/// </summary>
public sealed class CueDecimalTests
{
    /// <summary>A literal and its reference value.</summary>
    public sealed record Literal(string Text, BigInteger Digits, int Scale)
    {
        public override string ToString() => Text;
    }

    // Few distinct digits and short runs, so that equal values written differently (0.10 and 1e-1) come up often.
    private static readonly Gen<Literal> Near = LiteralGen(Gen.Char["0019"], 6, 4);

    private static readonly Gen<Literal> Wide = LiteralGen(Gen.Char['0', '9'], 40, 60);

    private static Gen<Literal> LiteralGen(Gen<char> digit, int maxLength, int maxExponent) =>
        Gen.Select(Gen.Bool, Gen.String[digit, 0, maxLength], Gen.String[digit, 0, maxLength], Gen.Int[-maxExponent, maxExponent], Gen.Int[0, 3])
            .Select((negative, whole, fraction, exponent, style) =>
            {
                if (whole.Length + fraction.Length == 0)
                {
                    whole = "0";
                }
                var sb = new StringBuilder(negative ? "-" : "").Append(whole);
                if (fraction.Length > 0 || style == 1)
                {
                    sb.Append('.').Append(fraction);
                }
                if (style >= 2 || exponent != 0)
                {
                    sb.Append(style == 3 ? 'E' : 'e').Append(exponent >= 0 && style == 3 ? "+" : "").Append(exponent.ToString(CultureInfo.InvariantCulture));
                }
                var digits = BigInteger.Parse(whole + fraction, CultureInfo.InvariantCulture);
                return new Literal(sb.ToString(), negative ? -digits : digits, exponent - fraction.Length);
            });

    private static CueDecimal Parse(string text)
    {
        Assert.True(CueDecimal.TryParse(text, out var value, out var outOfRange), text);
        Assert.False(outOfRange);
        return value;
    }

    /// <summary>Both references scaled to the smaller scale, where comparing the digits is comparing the values.</summary>
    private static (BigInteger A, BigInteger B, int Scale) Align(Literal a, Literal b)
    {
        var scale = Math.Min(a.Scale, b.Scale);
        return (a.Digits * BigInteger.Pow(10, a.Scale - scale), b.Digits * BigInteger.Pow(10, b.Scale - scale), scale);
    }

    private static CueDecimal Reference(BigInteger digits, int scale) =>
        scale >= 0 ? Parse((digits * BigInteger.Pow(10, scale)).ToString(CultureInfo.InvariantCulture))
            : Parse(digits.ToString(CultureInfo.InvariantCulture) + "e" + scale.ToString(CultureInfo.InvariantCulture));

    [Fact]
    public void Comparison_agrees_with_BigInteger_comparison_after_scaling()
    {
        foreach (var gen in new[] { Near, Wide })
        {
            Gen.Select(gen, gen).Sample((a, b) =>
            {
                var (x, y, _) = Align(a, b);
                var expected = x.CompareTo(y);
                var (da, db) = (Parse(a.Text), Parse(b.Text));
                Assert.Equal(expected, Math.Sign(da.CompareTo(db)));
                Assert.Equal(-expected, Math.Sign(db.CompareTo(da)));
                Assert.Equal(expected == 0, da.Equals(db));
                if (expected == 0)
                {
                    Assert.Equal(da.GetHashCode(), db.GetHashCode());
                }
            }, iter: 20_000);
        }
    }

    [Fact]
    public void Sums_differences_and_products_are_exact() => Gen.Select(Wide, Wide).Sample((a, b) =>
    {
        var (x, y, scale) = Align(a, b);
        var (da, db) = (Parse(a.Text), Parse(b.Text));
        Assert.Equal(Reference(x + y, scale), da + db);
        Assert.Equal(Reference(x - y, scale), da - db);
        Assert.Equal(Reference(a.Digits * b.Digits, a.Scale + b.Scale), da * db);
        Assert.Equal(Reference(-a.Digits, a.Scale), -da);
    }, iter: 5_000);

    [Fact]
    public void Written_form_reads_back_as_the_same_value() => Wide.Sample(a =>
    {
        var d = Parse(a.Text);
        Assert.Equal(d, Parse(d.ToString(isInt: false)));
        if (d.Exponent >= 0)
        {
            Assert.Equal(d, Parse(d.ToString(isInt: true)));
        }
    }, iter: 5_000);

    [Fact]
    public void The_allocation_free_check_on_utf8_agrees_with_parsing()
    {
        var exponents = Gen.OneOf(Gen.Int[-10_100, 10_100], Gen.Int[-20, 20], Gen.Int);
        Gen.Select(Gen.String[Gen.Char["0123456789"], 0, 1100], Gen.String[Gen.Char["09"], 0, 30], exponents).Sample((whole, fraction, exponent) =>
        {
            var text = (whole.Length == 0 ? "0" : whole) + (fraction.Length > 0 ? "." + fraction : "") + "e" + exponent.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(CueDecimal.TryParse(text, out _, out _), CueDecimal.IsValid(Encoding.UTF8.GetBytes(text)));
        }, iter: 2_000);
    }

    [Theory]
    [InlineData("0.1", "0.10", 0)]
    [InlineData("1e-1", "0.1", 0)]
    [InlineData("-0.0", "0", 0)]
    [InlineData("0e999999999999999", "0", 0)]
    [InlineData("0.1", "0.1000000000000000000000000000001", -1)]
    [InlineData("5.00000000000000000000000000001", "5", 1)]
    [InlineData("123456789012345678901234567891", "123456789012345678901234567890", 1)]
    [InlineData("1e400", "10e399", 0)]
    [InlineData("1e400", "9.99999999999999999999999999999999999e399", 1)]
    [InlineData("-1e400", "-1e399", -1)]
    [InlineData("1.5E-300", "1.5e-300", 0)]
    [InlineData("1e-300", "0", 1)]
    [InlineData("-1e-300", "0", -1)]
    [InlineData(".5", "0.5", 0)]
    [InlineData("1.", "1", 0)]
    [InlineData("+7", "7", 0)]
    public void Examples_compare_by_exact_value(string a, string b, int expected) =>
        Assert.Equal(expected, Math.Sign(Parse(a).CompareTo(Parse(b))));

    [Theory]
    [InlineData("1e10000", true)]
    [InlineData("1e10001", false)]
    [InlineData("9.99e10000", true)]
    [InlineData("10e10000", false)]
    [InlineData("1e-10000", true)]
    [InlineData("0.1e-10000", false)]
    [InlineData("1e999999999", false)]
    [InlineData("1e-999999999", false)]
    [InlineData("1e99999999999999999999999999999999", false)]
    public void Exponents_are_bounded(string text, bool accepted)
    {
        Assert.Equal(accepted, CueDecimal.TryParse(text, out _, out var outOfRange));
        Assert.Equal(!accepted, outOfRange);
        Assert.Equal(accepted, CueDecimal.IsValid(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Significant_digits_are_bounded_and_zeros_around_them_are_free()
    {
        var thousand = string.Concat(Enumerable.Repeat("1234567890", 99)) + "1234567891";
        Assert.True(CueDecimal.TryParse(thousand, out _, out _));
        Assert.True(CueDecimal.TryParse("0.000" + thousand + "000e3", out _, out _));
        Assert.False(CueDecimal.TryParse(thousand + "1", out _, out var outOfRange));
        Assert.True(outOfRange);
        Assert.True(CueDecimal.TryParse("1" + new string('0', 9000), out var big, out _));
        Assert.Equal(9000, big.Exponent);
    }

    [Fact]
    public void A_huge_literal_is_refused_without_work()
    {
        var stopwatch = Stopwatch.StartNew();
        var digits = new string('7', 5_000_000);
        Assert.False(CueDecimal.TryParse(digits, out _, out var outOfRange));
        Assert.True(outOfRange);
        Assert.False(CueDecimal.TryParse("1e" + new string('9', 100_000), out _, out _));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), stopwatch.Elapsed.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("e5")]
    [InlineData("1.2.3")]
    [InlineData("1x")]
    [InlineData("--1")]
    public void Malformed_text_is_not_a_number(string text)
    {
        Assert.False(CueDecimal.TryParse(text, out _, out var outOfRange));
        Assert.False(outOfRange);
    }

    [Theory]
    [InlineData("0.12345678901234567890123456789012345", "0.1234567890123456789012345678901235")]
    [InlineData("-0.12345678901234567890123456789012345", "-0.1234567890123456789012345678901235")]
    [InlineData("0.12345678901234567890123456789012344999", "0.1234567890123456789012345678901234")]
    [InlineData("9.99999999999999999999999999999999999", "10")]
    [InlineData("1e400", "1e400")]
    [InlineData("123456789012345678901234567890123456789", "1.234567890123456789012345678901235e38")]
    public void Rounding_to_34_digits_is_half_away_from_zero(string text, string expected) =>
        Assert.Equal(Parse(expected), Parse(text).Round(CueDecimal.FloatPrecision));

    [Theory]
    [InlineData("2", false, "2.0")]
    [InlineData("2", true, "2")]
    [InlineData("300", false, "300.0")]
    [InlineData("0.001", false, "0.001")]
    [InlineData("-12.5", false, "-12.5")]
    [InlineData("1e-7", false, "1E-7")]
    [InlineData("1.5e-300", false, "1.5E-300")]
    [InlineData("1e400", false, "1E+400")]
    [InlineData("-0.0", false, "0.0")]
    [InlineData("123456789012345678901234567890", true, "123456789012345678901234567890")]
    public void Values_are_written_in_CUE_notation(string text, bool isInt, string expected) =>
        Assert.Equal(expected, Parse(text).ToString(isInt));
}
