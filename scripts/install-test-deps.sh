#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine (idempotent; skips what is present).
set -euo pipefail
need=()
command -v python3 >/dev/null || need+=(python3)
# The OCI client's integration tests start Debian's registry (distribution 2.8) themselves.
[ -x /usr/bin/docker-registry ] || need+=(docker-registry)
# GNU time reports a process's peak RSS (the SBOM memory-scaling test and the benchmark scripts).
[ -x /usr/bin/time ] || need+=(time)
# The SECURITY.md end-to-end test pipes cosign-shaped output through jq, as the document does.
command -v jq >/dev/null || need+=(jq)
# deploy/check.sh renders with kubectl kustomize and validates with node (npm kubernetes-models, pinned below).
command -v kubectl >/dev/null || need+=(kubectl)
command -v node >/dev/null || need+=(nodejs npm)
# scripts/e2e-pod.sh (the pod rehearsal): podman with runc, a TLS + htpasswd registry, a busybox stand-in image.
command -v podman >/dev/null || need+=(podman)
command -v runc >/dev/null || need+=(runc)
command -v htpasswd >/dev/null || need+=(apache2-utils)
[ -x /usr/bin/busybox ] || need+=(busybox-static)
command -v openssl >/dev/null || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "install-test-deps: missing ${need[*]}; run as root or install them" >&2
    exit 1
  fi
fi
root=$(cd "$(dirname "$0")/.." && pwd)
# PyYAML for deploy/check.sh: Debian's package serves Debian's python3; another python3 gets it from pip.
python3 -c 'import yaml' 2>/dev/null || python3 -m pip install -q pyyaml
# The Kubernetes schemas, exactly as deploy/schema/package-lock.json pins them.
[ -d "$root/deploy/schema/node_modules/kubernetes-models" ] || npm ci --prefix "$root/deploy/schema" --no-audit --no-fund --loglevel=error >/dev/null
