#!/usr/bin/env bash
# The main job on the built-in default: the embedded production Sigstore trust root and bundled real signed
# material, offline. `imagegate verify` checks the real SLSA provenance that slsa-github-generator v1.10.0
# attached to an image (a `cosign save` layout), writes the readiness marker, and the gate checks it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/artifacts/publish/imagegate"
if [ ! -x "$bin" ] || [ -n "$(find "$root/src" -newer "$bin" -type f -print -quit)" ]; then
  "$root/scripts/publish-aot.sh" >/dev/null
fi
fixtures="$root/tests/fixtures"
layout="$fixtures/cosign-save-layout/slsa-generator-v1.10.0/container_workflow_dispatch"
digest=$(cat "$layout.digest")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== imagegate verify: SLSA provenance of $digest (production trust root, offline)"
# slsa-verifier's rule as the policy: provenance of this source, signed by a trusted SLSA builder at a release tag.
# (With cosign's signer flags instead, verify prints what cosign prints: the verified envelope.)
"$bin" verify --layout "$layout" "$digest" --source-uri github.com/slsa-framework/example-package \
  --marker "$work/verified.json"
echo "== readiness marker"
cat "$work/verified.json"
echo "== imagegate check (the gate the main container runs)"
"$bin" check --marker "$work/verified.json" --digest "$digest"

echo "== the same image against the pmg-exporter preset must be rejected (exit 1): it is not pmg-exporter"
set +e
"$bin" verify --layout "$layout" "$digest" --preset pmg-exporter --marker "$work/verified.json"
status=$?
set -e
[ "$status" -eq 1 ] && [ ! -e "$work/verified.json" ] || { echo "demo: expected exit 1 and no marker, got $status" >&2; exit 1; }

echo "== imagegate verify-bundle: a cosign new-format attestation signed by cody@soyland.com"
"$bin" verify-bundle --bundle "$fixtures/cosign-bundle/oci-attestation.sigstore.json" \
  --certificate-identity cody@soyland.com --certificate-oidc-issuer https://github.com/login/oauth \
  sha256:732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4

echo "== imagegate inspect: what cosign attached to the image"
"$bin" inspect --layout "$layout" "$digest"
