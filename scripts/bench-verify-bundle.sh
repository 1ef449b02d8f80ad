#!/usr/bin/env bash
# Measures one `imagegate verify-bundle` process on the conformance case happy-path-v0.3: median wall time
# and peak RSS over N runs, and, when PEER names a sigstore-js verifier executable, that peer on the same bundle,
# interleaved with it. Prints figures; asserts nothing (machines are shared and noisy).
#   usage: scripts/bench-verify-bundle.sh [RUNS]   (default 31; the peer runs a third as often)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-31}
bin="$root/artifacts/publish/imagegate"
[ -x "$bin" ] || "$root/scripts/publish-aot.sh" >/dev/null
case_dir="$root/tests/fixtures/conformance/bundle-verify/happy-path-v0.3"
args=(verify-bundle --bundle "$case_dir/bundle.sigstore.json"
  --certificate-identity "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main"
  --certificate-oidc-issuer https://token.actions.githubusercontent.com
  "$root/tests/fixtures/conformance/bundle-verify/a.txt")

# shellcheck source=lib/measure.sh
source "$root/scripts/lib/measure.sh"

echo "binary: $bin ($(( $(stat -c %s "$bin") / 1024 )) KiB)"
peer=${PEER:-}
if [ -n "$peer" ] && [ -x "$peer" ] && command -v node >/dev/null; then
  export PEER_DIR=${PEER_DIR:-$(mktemp -d)}
  "$bin" "${args[@]}" >/dev/null || { echo "imagegate failed" >&2; "$bin" "${args[@]}"; exit 1; }
  "$peer" "${args[@]}" >/dev/null || { echo "sigstore-js failed" >&2; "$peer" "${args[@]}"; exit 1; }
  # Interleaved, so a machine that speeds up or slows down mid-run moves both alike.
  python3 "$root/scripts/lib/measure.py" --vs imagegate "$runs" sigstore-js $(( (runs + 2) / 3 )) -- "$bin" "${args[@]}" -- "$peer" "${args[@]}"
else
  echo "sigstore-js peer not set (PEER=path/to/sigstore-js-verify, and node); imagegate alone:"
  measure imagegate "$runs" "$bin" "${args[@]}"
fi
