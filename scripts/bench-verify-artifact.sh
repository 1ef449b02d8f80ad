#!/usr/bin/env bash
# Measures `imagegate verify-artifact` (slsa-verifier's command) on a 1.4 MB wheel with its multiple.intoto.jsonl
# (pmg-exporter's release files, VirtualSigstore-signed, generic generator v2.1.0) against one `imagegate
# verify-bundle` process on the conformance case happy-path-v0.3, interleaved in one run: median wall times, their
# ratio, and the minor page faults of one process of each (host-independent). The goal is a ratio of at most 1.5.
# Prints figures; asserts nothing (machines are shared and noisy). Fixtures come from tests/ImageGate.Fixtures.
#   usage: scripts/bench-verify-artifact.sh [RUNS]   (default 31)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-31}
bin="$root/artifacts/publish/imagegate"
[ -x "$bin" ] || "$root/scripts/publish-aot.sh" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build "$root/tests/ImageGate.Fixtures" -c Release -v quiet -nologo >/dev/null
wheel=$(dotnet "$root/artifacts/bin/ImageGate.Fixtures/release/imagegate-fixtures.dll" release-files "$work" 1468006)

artifact=(verify-artifact --provenance-path "$work/multiple.intoto.jsonl" --source-uri github.com/natrontech/pmg-exporter
  --source-tag v0.2.2 --trusted-root "$work/trusted_root.json" "$wheel")
case_dir="$root/tests/fixtures/conformance/bundle-verify/happy-path-v0.3"
bundle=(verify-bundle --bundle "$case_dir/bundle.sigstore.json"
  --certificate-identity "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main"
  --certificate-oidc-issuer https://token.actions.githubusercontent.com
  "$root/tests/fixtures/conformance/bundle-verify/a.txt")

"$bin" "${artifact[@]}" >/dev/null 2>&1 || { echo "verify-artifact failed:" >&2; "$bin" "${artifact[@]}"; exit 1; }
echo "binary: $bin ($(( $(stat -c %s "$bin") / 1024 )) KiB); artifact: $(basename "$wheel") ($(stat -c %s "$wheel") bytes)"
echo "minor page faults (one process): verify-artifact $(/usr/bin/time -f %R "$bin" "${artifact[@]}" 2>&1 >/dev/null | tail -1)," \
  "verify-bundle $(/usr/bin/time -f %R "$bin" "${bundle[@]}" 2>&1 >/dev/null | tail -1)"
# Interleaved (B A B A ...): the printed factor is verify-artifact's median over verify-bundle's.
python3 "$root/scripts/lib/measure.py" --vs verify-bundle "$runs" verify-artifact "$runs" -- "$bin" "${bundle[@]}" -- "$bin" "${artifact[@]}" \
  | sed 's/^speed-up: \(.*\)x (.*/cost ratio: \1x (verify-artifact median \/ verify-bundle median, runs interleaved; goal at most 1.5x)/'
