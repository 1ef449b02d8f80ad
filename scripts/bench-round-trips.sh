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
pids=()
cleanup() {
  # The proxies stop at the end of their input (a generic host swallows SIGTERM), the registry on SIGTERM.
  [ -z "${near_fd:-}" ] || exec {near_fd}>&-
  [ -z "${far_fd:-}" ] || exec {far_fd}>&-
  # Every process is signalled before any is waited for: a registry started after a FIFO was opened holds its
  # write end too, and the proxy reading it sees the end of its input only once that registry is gone.
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build "$root/tests/ImageGate.Fixtures" -c Release -v quiet -nologo >/dev/null
fixtures=(dotnet "$root/artifacts/bin/ImageGate.Fixtures/release/imagegate-fixtures.dll")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
mkdir -p "$work/data"
cat >"$work/config.yml" <<CONFIG
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/data
http:
  addr: 127.0.0.1:$port
CONFIG
/usr/bin/docker-registry serve "$work/config.yml" >"$work/registry.log" 2>&1 &
pids+=($!)
for _ in $(seq 200); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done
"${fixtures[@]}" pmg "$work/release" 1500000 "http://127.0.0.1:$port/" natrontech/pmg-exporter >/dev/null
digest=$(cat "$work/release/digest")

# A proxy per delay, driven through a FIFO held open here (not in a subshell: its end would close the FIFO and stop
# the proxy): a line in asks for "REQUESTS ROUND_TRIPS" since the last line.
start_proxy() {
  local name=$1 ms=$2
  mkfifo "$work/$name.in"
  "${fixtures[@]}" latency-proxy "http://127.0.0.1:$port/" "$ms" <"$work/$name.in" >"$work/$name.out" &
  pids+=($!)
  exec {fd}>"$work/$name.in"
  printf -v "${name}_fd" %s "$fd"
  for _ in $(seq 200); do [ -s "$work/$name.out" ] && break; sleep 0.05; done
  printf -v "$name" %s "$(head -1 "$work/$name.out" | sed -E 's#^http://([^/]+)/?$#\1#')"
}
start_proxy near 0
start_proxy far "$delay"
verify() { echo "$bin" verify "$1/natrontech/pmg-exporter@$digest" --insecure-registry "$1" --preset pmg-exporter --trusted-root "$work/release/trusted_root.json"; }

# One verification through the far proxy alone, for its counts.
$(verify "$far") >/dev/null 2>&1
echo >&"$far_fd"
sleep 0.2
read -r requests round_trips < <(tail -1 "$work/far.out")

echo "binary: $bin; release: pmg-shaped, 1.5 MB SBOM, from docker-registry on loopback"
out=$(python3 "$root/scripts/lib/measure.py" --vs "proxy +${delay} ms" "$runs" "proxy +0 ms" "$runs" -- $(verify "$far") -- $(verify "$near"))
echo "$out" | head -2
far_ms=$(echo "$out" | sed -n 1p | sed -E 's/.*median ([0-9.]+) ms.*/\1/')
near_ms=$(echo "$out" | sed -n 2p | sed -E 's/.*median ([0-9.]+) ms.*/\1/')
python3 -c "print(f'added: {($far_ms - $near_ms):.1f} ms = {($far_ms - $near_ms) / $delay:.2f} x the {$delay} ms latency (sequential fetching: one per request, {$requests} here)')"
echo "proxy: $requests requests in $round_trips sequential round trips per verification"
