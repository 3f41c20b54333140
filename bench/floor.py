#!/usr/bin/env python3
"""What `analyze --no-render --format json` cannot avoid on this machine: the floor
under the 60x target of issue 3 (BENCHMARKS.md, "What the missed targets need").

For a cached corpus (.bench-cache/gen-N, from `make bench`) and the report that
storygraph wrote for it (.bench-cache/out-N/report.json), it times, in turns:
  read        bench/floor_read.c on --jobs threads: open, fstat and read every
              record file, and find the lines with a ':' (no parsing beyond that);
  write       the report's bytes written from memory to a new file (os.write, 1 MiB
              at a time), as storygraph writes report.json;
  pipe        the report's bytes through a pipe into this script, read as
              load_bench.py reads storygraph's stdout (the report a second time).
Seconds are the median wall time; CPU is user + system seconds of every process
involved, summed over threads (on 2 cores a wall second holds 2 CPU seconds).

Usage: bench/floor.py [--size 100000] [--runs 3] [--jobs N]
"""
import argparse
import os
import resource
import selectors
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.path.join(ROOT, ".bench-cache")


def cpu_now():
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(step):
    cpu, wall = cpu_now(), time.monotonic()
    step()
    return time.monotonic() - wall, cpu_now() - cpu


def read_step(reader, jobs, listing):
    return lambda: subprocess.run([reader, str(jobs), listing], check=True, stdout=subprocess.DEVNULL)


def write_step(data, target):
    def step():
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        view = memoryview(data)
        for offset in range(0, len(data), 1 << 20):
            os.write(fd, view[offset:offset + (1 << 20)])
        os.close(fd)
        os.unlink(target)
    return step


def pipe_step(report):
    def step():
        child = subprocess.Popen(["cat", report], stdout=subprocess.PIPE)
        selector = selectors.DefaultSelector()
        selector.register(child.stdout, selectors.EVENT_READ)
        chunks = []
        while True:
            selector.select()
            data = os.read(child.stdout.fileno(), 1 << 20)
            if not data:
                break
            chunks.append(data)
        child.wait()
    return step


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=100000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    args = parser.parse_args()
    records = os.path.join(CACHE, f"gen-{args.size}", "records")
    report = os.path.join(CACHE, f"out-{args.size}", "report.json")
    if not os.path.exists(report):
        sys.exit(f"floor: {report} is missing: run `python3 bench/load_bench.py --sizes {args.size}` first")
    reader = os.path.join(CACHE, "floor_read")
    subprocess.run(["cc", "-O2", "-pthread", os.path.join(ROOT, "bench", "floor_read.c"), "-o", reader], check=True)
    listing = os.path.join(CACHE, f"floor-list-{args.size}.txt")
    with open(listing, "w") as f:
        for folder, _, names in sorted(os.walk(records)):
            for name in sorted(names):
                f.write(os.path.join(folder, name) + "\n")
    # The write step writes the report from memory, as storygraph writes its bytes.
    with open(report, "rb") as f:
        data = f.read()
    steps = {
        "read": read_step(reader, args.jobs, listing),
        "write": write_step(data, os.path.join(CACHE, "floor-write.tmp")),
        "pipe": pipe_step(report),
    }
    times = {name: [] for name in steps}
    for _ in range(args.runs):
        for name, step in steps.items():
            times[name].append(timed(step))
    size = os.path.getsize(report) / 1e6
    print(f"{args.size:,} records, report {size:.1f} MB, --jobs {args.jobs}, {args.runs} turns (medians)\n")
    print("| step | wall s | CPU s |")
    print("| --- | ---: | ---: |")
    for name, runs in times.items():
        print(f"| {name} | {statistics.median(w for w, _ in runs):.2f} | {statistics.median(c for _, c in runs):.2f} |")


if __name__ == "__main__":
    main()
