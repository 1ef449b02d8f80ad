#!/usr/bin/env bash
# Shared by the benchmark scripts (sourced): times a command over N runs, wall clock and peak RSS (lib/measure.py).

# measure NAME N COMMAND...: prints "NAME: median wall ms, median peak RSS MiB (N runs)"
measure() {
  local name=$1 n=$2; shift 2
  "$@" >/dev/null 2>&1 || { echo "$name: the command failed" >&2; "$@"; return 1; }
  python3 "$(dirname "${BASH_SOURCE[0]}")/measure.py" "$name" "$n" -- "$@"
}
