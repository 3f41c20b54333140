#!/usr/bin/env python3
"""The loading benchmark of BENCHMARKS.md: storygraph beside the networkx peer.

For each size it generates a corpus with ../shared/bench/gen_corpus.py (cached
in .bench-cache/gen-N, so a re-run reuses it), then times, in turns:
  cat        reading every record file once (find | xargs cat), the floor;
  storygraph `analyze RECORDS --no-render --format json --timings` (release);
  peer       ../shared/bench/peer_networkx.py (PyYAML + networkx).
Each run's summary must equal truth.json key by key, or the script fails.
Wall seconds are the median of the runs; peak RSS is the child's ru_maxrss.
It prints a Markdown table and storygraph's seconds per phase, and writes the
same as JSON to .bench-cache/last-run.json.

Usage: bench/load_bench.py [--sizes 10000,100000,1000000] [--runs 3]
                        [--peer-max 100000] [--jobs N]
The peer is skipped above --peer-max records (at a million it needs about
16 minutes and 8 GB); its ratio is then left out of the table.
"""
import argparse
import json
import os
import platform
import selectors
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
CACHE = os.path.join(ROOT, ".bench-cache")
BINARY = os.path.join(ROOT, ".build", "release", "storygraph")
SPEC_KEYS = ["records", "links", "edges", "mutual_pairs", "asymmetric", "dangling", "self_links",
             "duplicate_links", "components", "largest_component", "singletons"]


def corpus(size):
    """The cached corpus folder of `size` records, generated on first use."""
    folder = os.path.join(CACHE, f"gen-{size}")
    if not os.path.exists(os.path.join(folder, "truth.json")):
        print(f"bench: generating {size} records into {folder}", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(SHARED, "bench", "gen_corpus.py"), str(size), folder],
                       check=True, stdout=subprocess.DEVNULL)
    return folder


def run_measured(argv, allowed_exits=(0,)):
    """Runs argv under fork/wait4 to read this child's own peak RSS."""
    started = time.monotonic()
    read_end, write_end = os.pipe()
    err_read, err_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.dup2(write_end, 1)
        os.dup2(err_write, 2)
        for fd in (read_end, write_end, err_read, err_write):
            os.close(fd)
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    os.close(write_end)
    os.close(err_write)
    chunks, errors = [], []
    selector = selectors.DefaultSelector()
    selector.register(read_end, selectors.EVENT_READ, chunks)
    selector.register(err_read, selectors.EVENT_READ, errors)
    open_fds = 2
    while open_fds:
        for key, _ in selector.select():
            data = os.read(key.fd, 1 << 20)
            if data:
                key.data.append(data)
            else:
                selector.unregister(key.fd)
                os.close(key.fd)
                open_fds -= 1
    _, status, usage = os.wait4(pid, 0)
    wall = time.monotonic() - started
    stderr = b"".join(errors).decode(errors="replace")
    if os.waitstatus_to_exitcode(status) not in allowed_exits:
        sys.exit(f"bench: {' '.join(argv)} failed ({status})\n{stderr[-2000:]}")
    return wall, usage.ru_maxrss / 1024, b"".join(chunks), stderr


def check_summary(label, summary, truth):
    wrong = {key: (summary.get(key), truth[key]) for key in SPEC_KEYS if summary.get(key) != truth[key]}
    if wrong:
        sys.exit(f"bench: {label} disagrees with truth.json: {wrong}")


def phases(stderr):
    """storygraph's --timings lines as {phase: seconds} (not the total, nor the allocator line)."""
    out = {}
    for line in stderr.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0] == "timing:" and parts[1] not in ("total", "allocator"):
            out[parts[1]] = float(parts[2])
    return out


def allocator(stderr):
    """What --timings' last line says storygraph ran on (e.g. "jemalloc 5.3.0-0-g…, thp always")."""
    for line in stderr.splitlines():
        if line.startswith("timing: allocator "):
            return line[len("timing: allocator "):]
    return "not named"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--peer-max", type=int, default=100000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    args = parser.parse_args()
    if not os.access(BINARY, os.X_OK):
        sys.exit(f"bench: {BINARY} is missing: run `swift build -c release --product storygraph` first")
    rows = []
    allocators = set()
    for size in [int(s) for s in args.sizes.split(",")]:
        folder = corpus(size)
        records = os.path.join(folder, "records")
        truth = json.load(open(os.path.join(folder, "truth.json")))
        output = os.path.join(CACHE, f"out-{size}")
        runs = 1 if size >= 1000000 else args.runs
        walls = {"cat": [], "storygraph": [], "peer": []}
        rss = {"cat": 0.0, "storygraph": 0.0, "peer": 0.0}
        phase_runs = []
        with_peer = size <= args.peer_max
        # Turns: cat, storygraph, peer, cat, storygraph, peer, ... so drift hits all three alike.
        for _ in range(runs):
            wall, peak, _, _ = run_measured(["sh", "-c", f"find '{records}' -type f -print0 | xargs -0 cat > /dev/null"])
            walls["cat"].append(wall)
            rss["cat"] = max(rss["cat"], peak)
            wall, peak, out, err = run_measured([BINARY, "analyze", records, "--no-render", "--format", "json",
                                                 "--output", output, "--timings", "--jobs", str(args.jobs)])
            check_summary("storygraph", json.loads(out)["summary"], truth)
            walls["storygraph"].append(wall)
            rss["storygraph"] = max(rss["storygraph"], peak)
            phase_runs.append(phases(err))
            allocators.add(allocator(err))
            if with_peer:
                wall, peak, out, _ = run_measured([sys.executable, os.path.join(SHARED, "bench", "peer_networkx.py"), records])
                check_summary("peer_networkx.py", json.loads(out), truth)
                walls["peer"].append(wall)
                rss["peer"] = max(rss["peer"], peak)
        megabytes = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(records) for f in fs) / 1e6
        median = {name: statistics.median(values) for name, values in walls.items() if values}
        phase_median = {name: statistics.median(run[name] for run in phase_runs) for name in phase_runs[0]}
        rows.append({
            "records": size, "megabytes": round(megabytes, 1), "runs": runs, "jobs": args.jobs,
            "seconds": {k: round(v, 3) for k, v in median.items()},
            "peak_rss_mb": {k: round(v, 1) for k, v in rss.items() if k in median},
            "phases": {k: round(v, 3) for k, v in phase_median.items()},
        })
        print(f"bench: {size} records done: {rows[-1]}", file=sys.stderr)

    machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"
    report = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": machine,
              "allocator": "; ".join(sorted(allocators)), "rows": rows}
    with open(os.path.join(CACHE, "last-run.json"), "w") as f:
        json.dump(report, f, indent=2)
    print(f"{report['date']}, {machine}, storygraph --jobs {args.jobs} on {report['allocator']}, median of the runs (1 at 1M)\n")
    print("| records | MB | storygraph s | MB/s | peak RSS MB | µs/record | cat s | × cat | peer s | peer RSS MB | peer ÷ storygraph |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        s, rss = row["seconds"], row["peak_rss_mb"]
        peer = s.get("peer")
        print(f"| {row['records']:,} | {row['megabytes']} | {s['storygraph']:.2f} | {row['megabytes'] / s['storygraph']:.1f} "
              f"| {rss['storygraph']:.0f} | {s['storygraph'] / row['records'] * 1e6:.1f} "
              f"| {s['cat']:.2f} | {s['storygraph'] / s['cat']:.1f} "
              + (f"| {peer:.1f} | {rss['peer']:.0f} | {peer / s['storygraph']:.1f} |" if peer else "| – | – | – |"))
    names = list(rows[0]["phases"])
    print("\nstorygraph's seconds per phase (--timings; read and parse share the loading threads' wall time)\n")
    print("| records | " + " | ".join(names) + " |")
    print("|---:|" + "---:|" * len(names))
    for row in rows:
        print(f"| {row['records']:,} | " + " | ".join(f"{row['phases'].get(n, 0):.2f}" for n in names) + " |")


if __name__ == "__main__":
    main()
