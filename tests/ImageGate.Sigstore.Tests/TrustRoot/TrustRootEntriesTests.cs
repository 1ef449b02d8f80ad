using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Tests.TrustRoot;

/// <summary>
/// Each entry of a real trust root with its state at a given time (docs/trust-root.md §1): expired, expiring within
/// 30 days, not yet valid, valid; and unusable when its key type is not supported.
/// </summary>
public sealed class TrustRootEntriesTests
{
    private static TrustedRoot Load(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "trusted-roots", name));
        Assert.Null(TrustedRootParser.TryParse(bytes, out var root));
        return root!;
    }

    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_production_root_today_has_its_first_fulcio_ca_and_test_ct_log_expired()
    {
        var entries = TrustRootEntries.List(Load("production.trusted_root.json"), At(2026, 12, 1));
        Assert.Equal(7, entries.Length);
        var expired = entries.Where(e => e.State == TrustRootEntries.Expired).Select(e => $"{e.Kind} {e.Name} {e.Certificates ?? 0}").ToList();
        Assert.Equal(["certificate authority https://fulcio.sigstore.dev 1", "CT log https://ctfe.sigstore.dev/test 0"], expired);
        Assert.All(entries, e => Assert.Null(e.Unusable));
    }

    [Fact]
    public void An_entry_ending_within_30_days_is_expiring_and_one_ending_later_is_valid()
    {
        // ctfe.sigstore.dev/test ends 2022-10-31T23:59:59.999Z; the first Fulcio CA 2022-12-31T23:59:59.999Z.
        var entries = TrustRootEntries.List(Load("production.trusted_root.json"), At(2022, 10, 15));
        Assert.Equal(TrustRootEntries.Expiring, entries.Single(e => e.Name == "https://ctfe.sigstore.dev/test").State);
        Assert.Equal(TrustRootEntries.Valid, entries.First(e => e.Kind == TrustRootEntry.CertificateAuthority).State);
        Assert.Equal(TrustRootEntries.Expiring, TrustRootEntries.StateAt(new ValidityPeriod(At(2020, 1, 1), At(2022, 11, 14)), At(2022, 10, 15)));
        Assert.Equal(TrustRootEntries.Valid, TrustRootEntries.StateAt(new ValidityPeriod(At(2020, 1, 1), At(2022, 11, 15)), At(2022, 10, 15)));
    }

    [Fact]
    public void An_entry_whose_window_has_not_begun_is_not_yet_valid()
    {
        var entries = TrustRootEntries.List(Load("production.trusted_root.json"), At(2025, 1, 1));
        Assert.Equal(["https://log2025-1.rekor.sigstore.dev", "https://timestamp.sigstore.dev/api/v1/timestamp"],
            entries.Where(e => e.State == TrustRootEntries.NotYetValid).Select(e => e.Name));
    }

    [Fact]
    public void A_log_whose_key_type_is_not_supported_is_unusable()
    {
        var entries = TrustRootEntries.List(Load("staging.trusted_root.json"), At(2026, 12, 1));
        var unusable = Assert.Single(entries, e => e.Unusable is not null);
        Assert.Equal("https://ctfe.sigstage.dev/test", unusable.Name);
        Assert.Contains("PKCS1_RSA_PKCS1V5", unusable.Unusable, StringComparison.Ordinal);
    }
}
