#!/usr/bin/env bash
# Measures one `imagegate verify-bundle` process on the conformance case happy-path-v0.3: median wall time
# and peak RSS over N runs, then the sigstore-js peer (../shared/peers/sigstore-js) on the same bundle,
# side by side. Prints figures; asserts nothing (machines are shared and noisy).
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
ours=$(measure imagegate "$runs" "$bin" "${args[@]}")
echo "$ours"

peer_src="$root/../shared/peers/sigstore-js"
if [ -x "$peer_src/sigstore-js-verify" ] && command -v node >/dev/null; then
  export PEER_DIR=${PEER_DIR:-$(mktemp -d)}
  theirs=$(measure sigstore-js $(( (runs + 2) / 3 )) "$peer_src/sigstore-js-verify" "${args[@]}") || theirs=""
  if [ -n "$theirs" ]; then
    echo "$theirs"
    python3 - "$ours" "$theirs" <<'PY'
import re, sys
a, b = (float(re.search(r"median ([0-9.]+) ms", s).group(1)) for s in sys.argv[1:3])
print(f"speed-up: {b / a:.1f}x (sigstore-js median / imagegate median)")
PY
  fi
else
  echo "sigstore-js peer not available (needs ../shared/peers/sigstore-js and node)"
fi
