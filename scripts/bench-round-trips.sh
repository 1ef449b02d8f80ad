#!/usr/bin/env bash
# Round trips to a distant registry: one `imagegate verify --preset pmg-exporter` of the pmg-shaped release from a
# loopback docker-registry, through a proxy that adds DELAY ms to every request (tests/ImageGate.Testing's
# LatencyProxy), against the same proxy adding nothing, interleaved. Prints the median walls, the added wall as a
# multiple of DELAY (fetching one request after another would cost one DELAY per request), and the requests and
# sequential round trips the proxy saw (host-independent). Asserts nothing; RoundTripTests holds the round-trip bound.
#   usage: scripts/bench-round-trips.sh [RUNS] [DELAY_MS]   (defaults 15 and 30)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-15}
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
port=$(free_port)
start_registry origin "$port"
"${fixtures[@]}" pmg "$work/release" 1500000 "http://127.0.0.1:$port/" natrontech/pmg-exporter >/dev/null
digest=$(cat "$work/release/digest")

start_latency_proxy near "http://127.0.0.1:$port/" 0
start_latency_proxy far "http://127.0.0.1:$port/" "$delay"
verify() { echo "$bin" verify "$1/natrontech/pmg-exporter@$digest" --insecure-registry "$1" --preset pmg-exporter --trusted-root "$work/release/trusted_root.json"; }

# One verification through the far proxy alone, for its counts.
proxy_counts far >/dev/null
$(verify "$far") >/dev/null 2>&1
read -r requests round_trips < <(proxy_counts far)

echo "binary: $bin; release: pmg-shaped, 1.5 MB SBOM, from docker-registry on loopback"
out=$(python3 "$root/scripts/lib/measure.py" --vs "proxy +${delay} ms" "$runs" "proxy +0 ms" "$runs" -- $(verify "$far") -- $(verify "$near"))
echo "$out" | head -2
far_ms=$(echo "$out" | sed -n 1p | sed -E 's/.*median ([0-9.]+) ms.*/\1/')
near_ms=$(echo "$out" | sed -n 2p | sed -E 's/.*median ([0-9.]+) ms.*/\1/')
python3 -c "print(f'added: {($far_ms - $near_ms):.1f} ms = {($far_ms - $near_ms) / $delay:.2f} x the {$delay} ms latency (sequential fetching: one per request, {$requests} here)')"
echo "proxy: $requests requests in $round_trips sequential round trips per verification"
