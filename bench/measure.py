#!/usr/bin/env python3
"""Run one command and print one TSV line: wall_s, cpu_s (user+sys), peak_rss_mb, peak_tree_rss_mb.

  bench/measure.py -- CMD ARG...

wall and cpu come from wait4()/getrusage(RUSAGE_CHILDREN), the same figures /usr/bin/time prints as %e, %U
and %S (descendants count once their parent has waited for them, which xargs does). peak_rss_mb is
ru_maxrss: the largest single process (what /usr/bin/time %M reports). For `xargs -P N` that hides the
other N-1 processes, so peak_tree_rss_mb sums VmRSS over the whole process tree, sampled every 50 ms
(processes that live under 50 ms, e.g. cwebp on a thumbnail, can be missed: a lower bound)."""
import os, resource, subprocess, sys, threading, time


def tree_rss_kb(root):
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError, ValueError):
            pass
    return total


def main():
    argv = sys.argv[1:]
    if argv[:1] == ["--"]:
        argv = argv[1:]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss_kb(proc.pid))
            done.wait(0.05)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    rc = proc.wait()
    wall = time.monotonic() - start
    done.set()
    t.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"{wall:.2f}\t{cpu:.2f}\t{after.ru_maxrss / 1024:.0f}\t{peak[0] / 1024:.0f}\t{rc}")


if __name__ == "__main__":
    main()
