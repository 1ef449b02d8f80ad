using System.Text.Json.Serialization;

namespace ImageGate.Cli.Kubernetes;

/// <summary>The part of a core/v1 Pod the pod checks read: each container's spec image and its status imageID.</summary>
internal sealed class PodDocument
{
    public PodSpec? Spec { get; init; }

    public PodStatus? Status { get; init; }
}

internal sealed class PodSpec
{
    public List<ContainerSpec>? Containers { get; init; }

    public List<ContainerSpec>? InitContainers { get; init; }
}

internal sealed class ContainerSpec
{
    public string? Name { get; init; }

    public string? Image { get; init; }
}

internal sealed class PodStatus
{
    public List<ContainerStatus>? ContainerStatuses { get; init; }

    public List<ContainerStatus>? InitContainerStatuses { get; init; }
}

internal sealed class ContainerStatus
{
    public string? Name { get; init; }

    public string? Image { get; init; }

    /// <summary>What the runtime pulled: <c>REPO@sha256:…</c> (containerd, CRI-O), <c>docker-pullable://REPO@sha256:…</c>
    /// (dockershim), or a bare configuration digest for an image that was never pulled by a repository digest.</summary>
    [JsonPropertyName("imageID")]
    public string? ImageId { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, MaxDepth = 64)]
[JsonSerializable(typeof(PodDocument))]
internal sealed partial class PodJsonContext : JsonSerializerContext;
