#!/usr/bin/env python3
"""make bench-compare: this kernel's `make bench` and the Linux reference
(../shared/peers/linux/run.sh) on the same machine, interleaved (ours, Linux, ours, Linux, ...),
then one table: metric, this kernel (median of runs), Linux (median of runs), ratio.

Usage: tools/bench_compare.py [--runs N] [--peer DIR]
Prints a Markdown table (the README keeps the latest). Ratios below 1 are better for
times and bytes; for items/s (throughput) above 1 is better.
Linux's boot_to_module_init is shown against our boot_to_init.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time

LINE = re.compile(r"^BENCH (\S+) (\S+) (\S+) n=(\d+)")


def run(cmd, env=None, cwd=None):
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                       universal_newlines=True)
    out = {}
    for line in p.stdout.splitlines():
        m = LINE.match(line.strip())
        if m:
            out[m.group(1)] = (float(m.group(2)), m.group(3))
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--peer", default=os.path.join(root, "..", "shared", "peers", "linux"))
    a = ap.parse_args()
    ours, linux = {}, {}
    env = dict(os.environ, QUIET="1", KBENCH_BUILD=os.environ.get("KBENCH_BUILD", "/tmp/kbench"))
    for i in range(a.runs):
        sys.stderr.write("bench-compare: run %d/%d: this kernel...\n" % (i + 1, a.runs))
        for k, v in run(["make", "-s", "bench"], cwd=root).items():
            ours.setdefault(k, []).append(v)
        sys.stderr.write("bench-compare: run %d/%d: Linux...\n" % (i + 1, a.runs))
        for k, v in run(["./run.sh"], env=env, cwd=a.peer).items():
            linux.setdefault(k, []).append(v)
    alias = {"boot_to_init": "boot_to_module_init"}
    qemu = subprocess.run(["qemu-system-x86_64", "--version"], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, universal_newlines=True).stdout.split("\n")[0]
    print("%s, %s, %d host CPUs, %s; medians of %d interleaved run(s) each" % (
        time.strftime("%Y-%m-%d"), os.uname().release, os.cpu_count() or 0, qemu, a.runs))
    print()
    print("| metric | this kernel | Linux 6.1 | ratio |")
    print("| --- | --- | --- | --- |")

    def fmt(v, unit):
        return ("%.1f %s" if v < 1000 and v != int(v) else "%d %s") % (v, unit)

    for name in sorted(ours):
        lname = alias.get(name, name)
        o = statistics.median(v for v, _ in ours[name])
        unit = ours[name][0][1]
        if lname in linux:
            l = statistics.median(v for v, _ in linux[lname])
            ratio = "%.2f" % (o / l) if l else "-"
            print("| %s | %s | %s | %s |" % (name, fmt(o, unit), fmt(l, unit), ratio))
        else:
            print("| %s | %s | - | - |" % (name, fmt(o, unit)))


if __name__ == "__main__":
    main()
