namespace ImageGate.Cli.Kubernetes;

/// <summary>Which pod to read and with which credentials: the downward API's name and namespace, the mounted service account.</summary>
internal sealed record PodArguments(string PodName, string? Namespace, string ServiceAccountDirectory);
