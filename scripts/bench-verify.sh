#!/usr/bin/env bash
# Measures one `imagegate verify --preset pmg-exporter` process (the init-container job) on a VirtualSigstore-signed
# release in pmg-exporter's exact shape (index; signature and 1.5 MB CycloneDX SBOM as v0.3 bundle referrers behind
# the sha256-<hex> tag; legacy .att SLSA provenance): median wall time and peak RSS over N runs,
#   1. from an OCI image layout,
#   2. from a loopback docker-registry this script starts and stops,
#   3. from both again with a 15 MB SBOM, to show how memory grows when the payload grows tenfold: by the bundle
#      layer once (its base64 text, the payload decoded into it in place), nothing per JSON node.
# Prints figures; asserts nothing (machines are shared and noisy). Fixtures come from tests/ImageGate.Fixtures.
#   usage: scripts/bench-verify.sh [RUNS]   (default 31)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-31}
bin="$root/artifacts/publish/imagegate"
registry_bin=/usr/bin/docker-registry
[ -x "$bin" ] || "$root/scripts/publish-aot.sh" >/dev/null

work=$(mktemp -d)
dotnet build "$root/tests/ImageGate.Fixtures" -c Release -v quiet -nologo >/dev/null
fixtures=(dotnet "$root/artifacts/bin/ImageGate.Fixtures/release/imagegate-fixtures.dll")
# shellcheck source=lib/measure.sh
source "$root/scripts/lib/measure.sh"
# shellcheck source=lib/registry.sh
source "$root/scripts/lib/registry.sh"
trap 'stop_all; rm -rf "$work"' EXIT

echo "binary: $bin ($(( $(stat -c %s "$bin") / 1024 )) KiB)"

small="$work/pmg-1.5mb"
"${fixtures[@]}" pmg "$small" 1500000 >/dev/null
digest=$(cat "$small/digest")
echo "fixture: $digest, SBOM bundle $(( $(find "$small/layout/blobs" -size +1000k -printf '%s\n' | head -1) / 1024 )) KiB"
measure "layout, 1.5 MB SBOM" "$runs" \
  "$bin" verify "$digest" --layout "$small/layout" --preset pmg-exporter --trusted-root "$small/trusted_root.json"

if [ -x "$registry_bin" ]; then
  port=$(free_port)
  start_registry registry "$port"
  pushed="$work/pmg-pushed"
  "${fixtures[@]}" pmg "$pushed" 1500000 "http://127.0.0.1:$port/" natrontech/pmg-exporter >/dev/null
  measure "registry (loopback docker-registry), 1.5 MB SBOM" "$runs" \
    "$bin" verify "127.0.0.1:$port/natrontech/pmg-exporter@$(cat "$pushed/digest")" --insecure-registry "127.0.0.1:$port" \
    --preset pmg-exporter --trusted-root "$pushed/trusted_root.json"
  pushed_large="$work/pmg-pushed-15mb"
  "${fixtures[@]}" pmg "$pushed_large" 15000000 "http://127.0.0.1:$port/" natrontech/pmg-exporter-large >/dev/null
  measure "registry (loopback docker-registry), 15 MB SBOM" "$(( (runs + 2) / 3 ))" \
    "$bin" verify "127.0.0.1:$port/natrontech/pmg-exporter-large@$(cat "$pushed_large/digest")" --insecure-registry "127.0.0.1:$port" \
    --preset pmg-exporter --trusted-root "$pushed_large/trusted_root.json"
else
  echo "registry: skipped ($registry_bin not installed; scripts/install-test-deps.sh installs it)"
fi

large="$work/pmg-15mb"
"${fixtures[@]}" pmg "$large" 15000000 >/dev/null
measure "layout, 15 MB SBOM" "$(( (runs + 2) / 3 ))" \
  "$bin" verify "$(cat "$large/digest")" --layout "$large/layout" --preset pmg-exporter --trusted-root "$large/trusted_root.json"
