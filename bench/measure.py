#!/usr/bin/env python3
"""Run one command and print one TSV line: wall_s, cpu_s (user+sys), peak_rss_mb, peak_tree_rss_mb.

  bench/measure.py -- CMD ARG...

wall and cpu come from wait4()/getrusage(RUSAGE_CHILDREN), the same figures /usr/bin/time prints as %e, %U
and %S (descendants count once their parent has waited for them, which xargs does). peak_rss_mb is
ru_maxrss: the largest single process (what /usr/bin/time %M reports). For `xargs -P N` that hides the
other N-1 processes, so peak_tree_rss_mb sums VmRSS over the whole process tree, sampled every 50 ms
(processes that live under 50 ms, e.g. cwebp on a thumbnail, can be missed: a lower bound)."""
import os, resource, subprocess, sys, threading, time


def tree(root):
    """The pids of root and all its descendants (those alive while walked)."""
    stack = [root]
    while stack:
        pid = stack.pop()
        yield pid
        try:
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError, ValueError):
            pass


def tree_rss_kb(root):
    total = 0
    for pid in tree(root):
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except (FileNotFoundError, ProcessLookupError, ValueError):
            pass
    return total


def run(argv, sample):
    """Runs argv (stdout discarded), calling sample(pid) every 50 ms until it exits.
    Returns (wall_s, cpu_s, ru_maxrss_kb, rc)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    done = threading.Event()

    def loop():
        while not done.is_set():
            sample(proc.pid)
            done.wait(0.05)

    t = threading.Thread(target=loop, daemon=True)
    t.start()
    rc = proc.wait()
    wall = time.monotonic() - start
    done.set()
    t.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss, rc


def main():
    argv = sys.argv[1:]
    if argv[:1] == ["--"]:
        argv = argv[1:]
    peak = [0]
    wall, cpu, maxrss, rc = run(argv, lambda pid: peak.__setitem__(0, max(peak[0], tree_rss_kb(pid))))
    print(f"{wall:.2f}\t{cpu:.2f}\t{maxrss / 1024:.0f}\t{peak[0] / 1024:.0f}\t{rc}")


if __name__ == "__main__":
    main()
