#!/usr/bin/env bash
# A rollout on one machine: N `imagegate verify --preset pmg-exporter` processes started at once (N pods starting
# together; up to 200 here) against one loopback docker-registry holding the pmg-shaped release, the origin, behind
# a proxy adding DELAY ms per request (tests/ImageGate.Testing's LatencyProxy, which counts what reaches the origin).
#   1. every pod asks the origin;
#   2. every pod asks a warm pull-through mirror (docker-registry in proxy mode; --registry-mirror), the origin only
#      for what the mirror must check upstream.
# Prints, for each: requests at the origin per pod start, wall p50/p99 per process, failures. Exit 1 on any failure.
#   usage: scripts/fleet-sim.sh [N] [DELAY_MS]   (defaults 200 and 30)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-200}
delay=${2:-30}
bin="$root/artifacts/publish/imagegate"
[ -x "$bin" ] || "$root/scripts/publish-aot.sh" >/dev/null
[ -x /usr/bin/docker-registry ] || { echo "docker-registry is missing: scripts/install-test-deps.sh installs it" >&2; exit 1; }

work=$(mktemp -d)
dotnet build "$root/tests/ImageGate.Fixtures" -c Release -v quiet -nologo >/dev/null
fixtures=(dotnet "$root/artifacts/bin/ImageGate.Fixtures/release/imagegate-fixtures.dll")
# shellcheck source=lib/registry.sh
source "$root/scripts/lib/registry.sh"
trap 'stop_all; rm -rf "$work"' EXIT

origin_port=$(free_port)
start_registry origin "$origin_port"
"${fixtures[@]}" pmg "$work/release" 1500000 "http://127.0.0.1:$origin_port/" natrontech/pmg-exporter >/dev/null
digest=$(cat "$work/release/digest")

# The origin as pods see it: behind the latency proxy, which counts what reaches it.
start_latency_proxy origin "http://127.0.0.1:$origin_port/" "$delay"
origin_requests() { proxy_counts origin | cut -d' ' -f1; }
origin_requests >/dev/null

image="$origin/natrontech/pmg-exporter@$digest"
common=(--preset pmg-exporter --trusted-root "$work/release/trusted_root.json" --timeout 300)
echo "fleet: $n pods at once, origin +${delay} ms per request, pmg-shaped release (1.5 MB SBOM); binary $(( $(stat -c %s "$bin") / 1024 )) KiB"

set +e
python3 "$root/scripts/lib/fleet.py" "$n" -- "$bin" verify "$image" --insecure-registry "$origin" "${common[@]}"
direct=$?
set -e
reqs=$(origin_requests)
echo "  without a mirror: $reqs requests at the origin, $(python3 -c "print(f'{$reqs / $n:.1f}')") per pod start"

mirror_port=$(free_port)
start_registry mirror "$mirror_port" "http://$origin/"
mirror="127.0.0.1:$mirror_port"
through=("$bin" verify "$image" --insecure-registry "$origin" --insecure-registry "$mirror" --registry-mirror "$origin=http://$mirror" "${common[@]}")
"${through[@]}" >/dev/null 2>&1 || { echo "warming the mirror failed:" >&2; "${through[@]}"; exit 1; }
warm=$(origin_requests)
set +e
python3 "$root/scripts/lib/fleet.py" "$n" -- "${through[@]}"
mirrored=$?
set -e
reqs=$(origin_requests)
echo "  through a warm pull-through mirror: $reqs requests at the origin ($warm to warm it), $(python3 -c "print(f'{$reqs / $n:.2f}')") per pod start"
[ "$direct" -eq 0 ] && [ "$mirrored" -eq 0 ]
