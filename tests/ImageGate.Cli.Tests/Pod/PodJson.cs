using System.Text.Json.Nodes;

namespace ImageGate.Cli.Tests.Pod;

/// <summary>
/// A Pod as `kubectl get pod -o json` shows one of deploy/base's pmg-exporter pods on containerd: the imagegate init
/// container done, the exporter running, imageIDs as repository digests. Fields the checks do not read are kept,
/// so the parser meets the real shape.
/// </summary>
public static class PodJson
{
    public const string Repository = "ghcr.io/natrontech/pmg-exporter";

    public static readonly string SignedDigest = "sha256:" + new string('d', 64);

    public const string GateImage = "ghcr.io/imagegate/imagegate@sha256:1f0b2c6f7f5e4c1a9d2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081";

    public static JsonObject PmgExporter(string digest, string? specImage = null, string? imageId = null) => JsonNode.Parse($$"""
        {
          "kind": "Pod",
          "apiVersion": "v1",
          "metadata": {
            "name": "{{FakeKubernetesApi.PodName}}",
            "generateName": "pmg-exporter-7d9c6b5f4-",
            "namespace": "{{FakeKubernetesApi.Namespace}}",
            "uid": "5b0c3c1e-4f3a-4d8e-9a61-0c2f1d7e9b42",
            "resourceVersion": "184467",
            "creationTimestamp": "2026-12-03T09:14:22Z",
            "labels": { "app.kubernetes.io/name": "pmg-exporter", "pod-template-hash": "7d9c6b5f4" },
            "ownerReferences": [ { "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "pmg-exporter-7d9c6b5f4", "uid": "0e2d", "controller": true, "blockOwnerDeletion": true } ]
          },
          "spec": {
            "volumes": [ { "name": "imagegate-run", "emptyDir": { "medium": "Memory", "sizeLimit": "16Mi" } } ],
            "initContainers": [
              {
                "name": "imagegate",
                "image": "{{GateImage}}",
                "args": [ "verify", "$(GATED_IMAGE)", "--timeout", "120" ],
                "env": [ { "name": "IMAGEGATE_POD_NAME", "valueFrom": { "fieldRef": { "apiVersion": "v1", "fieldPath": "metadata.name" } } } ],
                "resources": { "limits": { "memory": "256Mi" }, "requests": { "cpu": "50m", "memory": "64Mi" } },
                "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "FallbackToLogsOnError",
                "imagePullPolicy": "IfNotPresent"
              }
            ],
            "containers": [
              {
                "name": "pmg-exporter",
                "image": "{{specImage ?? Repository + "@" + digest}}",
                "ports": [ { "name": "metrics", "containerPort": 10069, "protocol": "TCP" } ],
                "resources": {},
                "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "FallbackToLogsOnError",
                "imagePullPolicy": "IfNotPresent"
              }
            ],
            "restartPolicy": "Always",
            "serviceAccountName": "pmg-exporter-gate",
            "nodeName": "worker-2",
            "securityContext": { "seccompProfile": { "type": "RuntimeDefault" } }
          },
          "status": {
            "phase": "Running",
            "conditions": [ { "type": "Initialized", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2026-12-03T09:14:25Z" } ],
            "hostIP": "10.0.0.12",
            "podIP": "10.244.2.17",
            "startTime": "2026-12-03T09:14:22Z",
            "initContainerStatuses": [
              {
                "name": "imagegate",
                "state": { "terminated": { "exitCode": 0, "reason": "Completed", "startedAt": "2026-12-03T09:14:23Z", "finishedAt": "2026-12-03T09:14:24Z", "containerID": "containerd://9a1f" } },
                "lastState": {},
                "ready": true,
                "restartCount": 0,
                "image": "{{GateImage}}",
                "imageID": "{{GateImage}}",
                "containerID": "containerd://9a1f"
              }
            ],
            "containerStatuses": [
              {
                "name": "pmg-exporter",
                "state": { "running": { "startedAt": "2026-12-03T09:14:26Z" } },
                "lastState": {},
                "ready": false,
                "restartCount": 0,
                "image": "{{specImage ?? Repository + "@" + digest}}",
                "imageID": "{{imageId ?? Repository + "@" + digest}}",
                "containerID": "containerd://4c7e",
                "started": true
              }
            ],
            "qosClass": "Burstable"
          }
        }
        """)!.AsObject();
}
