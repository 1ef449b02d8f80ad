#!/usr/bin/env bash
# Shared by the benchmark scripts (sourced): times a command over N runs, wall clock and peak RSS.

# measure NAME N COMMAND...: prints "NAME: median wall ms, median peak RSS MiB (N runs)"
measure() {
  local name=$1 n=$2; shift 2
  local walls=() rss=() t0 t1 out
  "$@" >/dev/null 2>&1 || { echo "$name: the command failed" >&2; "$@"; return 1; }
  for _ in $(seq "$n"); do
    out=$(mktemp)
    t0=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$out" "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    walls+=($(( (t1 - t0) / 1000 )))
    rss+=("$(tail -1 "$out")")
    rm -f "$out"
  done
  python3 - "$name" "$n" "${walls[*]}" "${rss[*]}" <<'PY'
import statistics, sys
name, n, walls, rss = sys.argv[1], sys.argv[2], [int(x) for x in sys.argv[3].split()], [int(x) for x in sys.argv[4].split()]
print(f"{name}: median {statistics.median(walls)/1000:.1f} ms wall (min {min(walls)/1000:.1f}), median peak RSS {statistics.median(rss)/1024:.1f} MiB ({n} runs)")
PY
}
