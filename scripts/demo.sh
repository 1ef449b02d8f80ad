#!/usr/bin/env bash
# The main job on the built-in default: the embedded production Sigstore trust root and bundled real signed
# material (a cosign new-format attestation and a `cosign save` layout with SLSA provenance), offline.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/artifacts/publish/imagegate"
if [ ! -x "$bin" ] || [ -n "$(find "$root/src" -name '*.cs' -newer "$bin" -print -quit)" ]; then
  "$root/scripts/publish-aot.sh" >/dev/null
fi
fixtures="$root/tests/fixtures"

echo "== verify-bundle: cosign attestation of sha256:7321..., signed by cody@soyland.com (production trust root)"
"$bin" verify-bundle --bundle "$fixtures/cosign-bundle/oci-attestation.sigstore.json" \
  --certificate-identity cody@soyland.com --certificate-oidc-issuer https://github.com/login/oauth \
  sha256:732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4

echo "== the same bundle for another identity must be rejected (exit 1)"
set +e
"$bin" verify-bundle --bundle "$fixtures/cosign-bundle/oci-attestation.sigstore.json" \
  --certificate-identity mallory@example.com --certificate-oidc-issuer https://github.com/login/oauth \
  sha256:732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4
status=$?
set -e
[ "$status" -eq 1 ] || { echo "demo: expected exit 1, got $status" >&2; exit 1; }

layout="$fixtures/cosign-save-layout/slsa-generator-v1.10.0/container_workflow_dispatch"
echo "== inspect: what cosign attached to the image in a real \`cosign save\` layout"
"$bin" inspect --layout "$layout" "$(cat "$layout.digest")"
