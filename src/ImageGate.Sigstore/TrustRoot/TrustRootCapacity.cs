namespace ImageGate.Sigstore.TrustRoot;

/// <summary>
/// Whether a trust root can ever meet what the deployment requires, checked before any artifact is looked at: a
/// threshold above the number of distinct usable logs, or keyless verification with no Fulcio CA, can only ever
/// reject, so it is a configuration error (exit 2) that names what is missing rather than a verdict on the image.
/// </summary>
public static class TrustRootCapacity
{
    /// <param name="tlogThreshold">0 when the transparency log is ignored (key signers only): no log is then needed.</param>
    public static Failure? Check(TrustedRoot root, int tlogThreshold, int sctThreshold, bool keyless)
    {
        ArgumentNullException.ThrowIfNull(root);
        int tlogs = Usable(root.TransparencyLogs);
        if (tlogThreshold == 0 && !keyless)
        {
            return null;
        }
        if (tlogs == 0)
        {
            return Unmeetable($"the trust root holds no usable transparency log ({root.TransparencyLogs.Count} listed, none with a supported key); every signature must be logged");
        }
        if (tlogThreshold > tlogs)
        {
            return Unmeetable($"the tlog threshold is {tlogThreshold}, but the trust root holds only {tlogs} distinct usable transparency log(s)");
        }
        if (!keyless)
        {
            return null;
        }
        if (root.CertificateAuthorities.Count == 0)
        {
            return Unmeetable("keyless verification needs a Fulcio certificate authority; the trust root lists none");
        }
        int ctlogs = Usable(root.CtLogs);
        if (sctThreshold > ctlogs)
        {
            return Unmeetable($"the SCT threshold is {sctThreshold}, but the trust root holds only {ctlogs} distinct usable CT log(s)");
        }
        return null;
    }

    private static int Usable(IReadOnlyList<TransparencyLog> logs) =>
        logs.Where(l => l.KeySupported).Select(l => l.LogIdHex).Distinct(StringComparer.Ordinal).Count();

    private static Failure Unmeetable(string message) => new(ReasonCodes.TrustRootUnmeetable, message);
}
