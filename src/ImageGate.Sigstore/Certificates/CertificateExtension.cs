namespace ImageGate.Sigstore.Certificates;

/// <summary>One X.509 v3 extension as it appears in the TBS: its OID, criticality and the extnValue contents.</summary>
internal readonly record struct CertificateExtension(string Oid, bool Critical, ReadOnlyMemory<byte> Value);
