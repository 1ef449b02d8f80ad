#!/usr/bin/env python3
"""Times whole processes: wall clock from spawn to exit and peak RSS (wait4's ru_maxrss), with nothing else in the
loop (no shell, no time(1), no date(1) forks whose cost would be counted as the program's). Prints medians.

  measure.py NAME RUNS -- CMD ARGS...                      one command
  measure.py --vs NAME_A RUNS_A NAME_B RUNS_B -- CMD_A... -- CMD_B...
      two commands interleaved (A B A B ...): both see the same machine, so their ratio does not drift with it.
"""
import os
import statistics
import subprocess
import sys
import time


def run_once(argv):
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"measure: {argv[0]} exited {proc.returncode}")
    return wall * 1000, usage.ru_maxrss / 1024


def summary(name, samples):
    walls = [w for w, _ in samples]
    rss = [r for _, r in samples]
    return (f"{name}: median {statistics.median(walls):.1f} ms wall (min {min(walls):.1f}), "
            f"median peak RSS {statistics.median(rss):.1f} MiB ({len(samples)} runs)"), statistics.median(walls)


def main(args):
    if args[0] == "--vs":
        name_a, runs_a, name_b, runs_b = args[1], int(args[2]), args[3], int(args[4])
        rest = args[6:]
        split = rest.index("--")
        cmd_a, cmd_b = rest[:split], rest[split + 1:]
        run_once(cmd_a), run_once(cmd_b)  # warm the page cache for both
        a, b = [], []
        for i in range(max(runs_a, runs_b)):
            if i < runs_a:
                a.append(run_once(cmd_a))
            if i < runs_b:
                b.append(run_once(cmd_b))
        line_a, median_a = summary(name_a, a)
        line_b, median_b = summary(name_b, b)
        print(line_a)
        print(line_b)
        print(f"speed-up: {median_b / median_a:.1f}x ({name_b} median / {name_a} median, runs interleaved)")
        return
    name, runs, cmd = args[0], int(args[1]), args[3:]
    run_once(cmd)
    print(summary(name, [run_once(cmd) for _ in range(runs)])[0])


if __name__ == "__main__":
    main(sys.argv[1:])
