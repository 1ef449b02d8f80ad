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
# RID=linux-arm64 scripts/publish-aot.sh and the qemu test (tests/ImageGate.Cli.Tests/Platform): clang drives the
# link (any clang-N; a versioned package, because the unversioned `clang` would also become the x64 build's
# linker in place of gcc), lld >= 15 links (DT_RELR on aarch64), the cross gcc brings the arm64 crt files, libgcc
# and libc6-dev-arm64-cross, the cross binutils' objcopy strips. qemu-user runs the result; the arm64 OpenSSL 3
# (dlopen'ed by System.Security.Cryptography.Native) pulls in the arm64 glibc with its /lib/ld-linux-aarch64.so.1.
command -v clang >/dev/null || compgen -c clang- | grep -E '^clang-[0-9]+$' >/dev/null || need+=(clang-16)
compgen -G '/usr/lib/llvm-1[5-9]/bin/ld.lld' >/dev/null || need+=(lld-16)
command -v aarch64-linux-gnu-gcc >/dev/null || need+=(gcc-aarch64-linux-gnu)
[ -e /usr/aarch64-linux-gnu/lib/libc.so ] || need+=(libc6-dev-arm64-cross)
command -v aarch64-linux-gnu-objcopy >/dev/null || need+=(binutils-aarch64-linux-gnu)
command -v qemu-aarch64-static >/dev/null || need+=(qemu-user-static)
arm64_libs=()
[ -e /usr/lib/aarch64-linux-gnu/libssl.so.3 ] || arm64_libs+=(libssl3:arm64)
if [ ${#need[@]} -gt 0 ] || [ ${#arm64_libs[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    # Multiarch: arm64 packages from the same Debian mirror, beside the amd64 ones.
    if [ ${#arm64_libs[@]} -gt 0 ] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
      dpkg --add-architecture arm64
    fi
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" "${arm64_libs[@]}" >/dev/null
  else
    echo "install-test-deps: missing ${need[*]} ${arm64_libs[*]}; run as root or install them" >&2
    exit 1
  fi
fi
root=$(cd "$(dirname "$0")/.." && pwd)
# PyYAML for deploy/check.sh: Debian's package serves Debian's python3; another python3 gets it from pip.
python3 -c 'import yaml' 2>/dev/null || python3 -m pip install -q pyyaml
# The Kubernetes schemas, exactly as deploy/schema/package-lock.json pins them.
[ -d "$root/deploy/schema/node_modules/kubernetes-models" ] || npm ci --prefix "$root/deploy/schema" --no-audit --no-fund --loglevel=error >/dev/null
