#!/usr/bin/env python3
"""Starts N copies of one command at once, as N pods starting together would, and reports each one's wall time.

  fleet.py N -- CMD ARGS...      prints "N runs: F failed; wall p50 X ms, p99 Y ms, max Z ms"; exit 1 if any failed
"""
import os
import statistics
import subprocess
import sys
import time


def main(args):
    n, cmd = int(args[0]), args[2:]
    starts, procs = [], []
    for _ in range(n):
        starts.append(time.perf_counter())
        procs.append(subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
    walls, failures = [None] * n, []
    pending = {p.pid: i for i, p in enumerate(procs)}
    while pending:
        pid, status = os.wait()[:2]
        if pid not in pending:
            continue
        i = pending.pop(pid)
        walls[i] = (time.perf_counter() - starts[i]) * 1000
        code = os.waitstatus_to_exitcode(status)
        procs[i].returncode = code
        if code != 0:
            failures.append((i, code, procs[i].stderr.read().decode(errors="replace").strip().splitlines()[-1:]))
    for p in procs:
        p.stderr.close()
    walls.sort()
    p99 = walls[min(n - 1, int(round(0.99 * (n - 1))))]
    print(f"{n} runs: {len(failures)} failed; wall p50 {statistics.median(walls):.0f} ms, p99 {p99:.0f} ms, max {walls[-1]:.0f} ms")
    for i, code, last in failures[:5]:
        print(f"  run {i}: exit {code}: {last[0] if last else ''}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
