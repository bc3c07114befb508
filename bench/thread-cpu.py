#!/usr/bin/env python3
"""Run one optimizr command and print where its CPU time went, by thread group.

  bench/thread-cpu.py -- target/optimizr -input DIR -output OUT ...

Polls /proc/PID/task/*/stat every 50 ms (utime + stime per thread, in clock ticks) and keeps each thread's
last reading, so a thread that ends between two polls loses at most 50 ms. Threads are grouped by name without
a trailing number ("C2 CompilerThre", "GC Thread", "optimizr-worker", ...; Linux keeps 15 characters). The last line compares the sum with
getrusage's figure for the whole process, which is exact."""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import measure  # noqa: E402  (bench/measure.py: runs the command, samples it every 50 ms, reads getrusage)

TICK = os.sysconf("SC_CLK_TCK")


def java_pid(root):
    """The launcher execs java, or runs it as a child: the first process in the tree whose comm is java."""
    for pid in measure.tree(root):
        try:
            with open(f"/proc/{pid}/comm") as f:
                if f.read().strip() == "java":
                    return pid
        except (FileNotFoundError, ProcessLookupError):
            pass
    return None


def poll(pid, seen):
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except FileNotFoundError:
        return False
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except (FileNotFoundError, ProcessLookupError):
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        seen[tid] = (name, int(fields[11]) + int(fields[12]))  # utime, stime
    return True


def group(name):
    return re.sub(r"[#\d]+$", "", name).rstrip("-_ ") or name


def main():
    argv = sys.argv[1:]
    if argv[:1] == ["--"]:
        argv = argv[1:]
    seen = {}
    java = [None]

    def sample(pid):
        java[0] = java[0] or java_pid(pid)
        if java[0]:
            poll(java[0], seen)

    wall, cpu, _, rc = measure.run(argv, sample)
    groups = {}
    for name, ticks in seen.values():
        groups[group(name)] = groups.get(group(name), 0) + ticks / TICK
    total = sum(groups.values())
    print(f"{'thread group':<24} {'CPU s':>8} {'share':>7}")
    for g, s in sorted(groups.items(), key=lambda kv: -kv[1]):
        if s >= 0.005:
            print(f"{g:<24} {s:8.2f} {100 * s / max(cpu, 1e-9):6.1f}%")
    print(f"{'(sum of threads)':<24} {total:8.2f}; getrusage: {cpu:.2f} CPU s, {wall:.2f} s wall, rc {rc}")


if __name__ == "__main__":
    main()
