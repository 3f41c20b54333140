#!/usr/bin/env python3
"""The other jobs of BENCHMARKS.md: check (in each format) and every export format beside analyze,
for two or more storygraph binaries on one corpus, in turns.

Each round runs every command with every binary (so a load that comes and goes
slows all alike); seconds are wall clock, the median of the rounds; peak RSS is
the child's ru_maxrss. Outputs go to a temporary folder, overwritten each round.
`check` exits 1 on a corpus with broken links: that is its answer, not a failure.
Every binary must print the same bytes for analyze's report and for check,
or the script stops.

Usage: bench/jobs_bench.py RECORDS --binary LABEL=PATH [--binary LABEL=PATH ...]
                          [--runs 3] [--jobs N]
"""
import argparse
import os
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from load_bench import run_measured  # noqa: E402


def commands(records, out, jobs):
    """(name, argv after the binary, allowed exit codes, compare stdout)."""
    j = ["--jobs", str(jobs)]
    return [
        ("analyze --no-render --format json", ["analyze", records, "--no-render", "--format", "json", "--output", out + "/analyze"] + j, (0,), True),
        ("check", ["check", records] + j, (0, 1), True),
        ("check --format json", ["check", records, "--format", "json"] + j, (0, 1), True),
        ("check --format sarif", ["check", records, "--format", "sarif"] + j, (0, 1), True),
        ("check --format github", ["check", records, "--format", "github"] + j, (0, 1), True),
        ("check --format junit", ["check", records, "--format", "junit"] + j, (0, 1), True),
        ("export --format node-link", ["export", records, "--format", "node-link", "-o", out + "/graph.json"] + j, (0,), False),
        ("export --format graphml", ["export", records, "--format", "graphml", "-o", out + "/graph.graphml"] + j, (0,), False),
        ("export --format csv", ["export", records, "--format", "csv", "-o", out + "/csv"] + j, (0,), False),
        ("export --format sqlite", ["export", records, "--format", "sqlite", "-o", out + "/graph.sqlite"] + j, (0,), False),
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("records")
    parser.add_argument("--binary", action="append", required=True, help="LABEL=PATH")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    args = parser.parse_args()
    binaries = [tuple(b.split("=", 1)) for b in args.binary]
    out = tempfile.mkdtemp(prefix="jobs-bench-")
    times = {}
    for round_ in range(args.runs):
        for name, argv, allowed, compare in commands(args.records, out, args.jobs):
            outputs = {}
            for label, path in binaries:
                wall, rss, stdout, _ = run_measured([path] + argv, allowed)
                times.setdefault((name, label), []).append((wall, rss))
                outputs[label] = stdout
                print(f"round {round_ + 1}: {label:>8} {name}: {wall:.2f} s, {rss:.0f} MB", file=sys.stderr)
            if compare and len(set(outputs.values())) > 1:
                sys.exit(f"jobs_bench: the binaries printed different output for {name}")
    labels = [label for label, _ in binaries]
    print("| command | " + " | ".join(f"{l} s | {l} peak RSS MB" for l in labels)
          + (f" | {labels[0]} ÷ {labels[-1]} |" if len(labels) > 1 else " |"))
    print("| --- |" + " ---: | ---: |" * len(labels) + (" ---: |" if len(labels) > 1 else ""))
    for name, *_ in commands(args.records, out, args.jobs):
        cells, medians = [], []
        for label in labels:
            runs = times[(name, label)]
            median = statistics.median(w for w, _ in runs)
            medians.append(median)
            cells.append(f"{median:.2f} | {max(r for _, r in runs):.0f}")
        ratio = f" | {medians[0] / medians[-1]:.2f}×" if len(labels) > 1 else ""
        print(f"| `{name}` | " + " | ".join(cells) + ratio + " |")


if __name__ == "__main__":
    main()
