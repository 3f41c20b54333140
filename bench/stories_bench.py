#!/usr/bin/env python3
"""Stories benchmark (issue 8): storygraph's story detection beside networkx's
Louvain, on the same graph of gen_corpus.py corpora with planted stories.

For each seed it generates (once, cached under .bench-cache/) a corpus with
../shared/bench/gen_corpus.py, then
  - times `storygraph analyze DIR --no-render --format json --stories M`
    (the whole run: load, resolve, analyse, stories, report) for each method;
  - reads storygraph's node-link export (`storygraph export --format node-link`)
    into an undirected networkx Graph of the article nodes (dangling nodes
    left out; A->B and B->A become one edge) and times
    `nx.community.louvain_communities(G, seed=SEED)` on it;
  - scores both against stories.json: the adjusted Rand index over the records
    in planted stories of 3 or more (a record in no story of two or more is a
    label of its own), and the modularity (resolution 1, unweighted) of each
    partition on that same undirected graph (nx.community.modularity).

Usage: bench/stories_bench.py [--records N] [--seeds S ...] [--bridge P] [--related-mean R]
                              [--binary PATH] [--methods M ...] [--repeat K]

Each timing is the median of K runs (default 3), storygraph's and networkx's
interleaved, so that a CPU shared with other jobs slows both alike.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from ari import adjusted_rand_index  # noqa: E402

GEN = os.path.join(ROOT, "..", "shared", "bench", "gen_corpus.py")


def corpus(n, seed, bridge, related_mean):
    path = os.path.join(ROOT, ".bench-cache", f"stories-n{n}-s{seed}-b{bridge:g}-r{related_mean:g}")
    if not os.path.exists(os.path.join(path, "stories.json")):
        subprocess.run([sys.executable, GEN, str(n), path, "--seed", str(seed), "--bridge", str(bridge),
                        "--related-mean", str(related_mean)], check=True, stdout=subprocess.DEVNULL)
    return path


def undirected_graph(binary, records, scratch):
    """The article graph of storygraph's node-link export, undirected; node -> file basename."""
    out = os.path.join(scratch, "graph.json")
    subprocess.run([binary, "export", records, "--format", "node-link", "-o", out], check=True,
                   stderr=subprocess.DEVNULL)
    data = json.load(open(out))
    graph = nx.Graph()
    file_of = {}
    for node in data["nodes"]:
        if node["kind"] == "article":
            graph.add_node(node["id"])
            file_of[node["id"]] = os.path.basename(node["file"])
    for edge in data["edges"]:
        if edge["kind"] == "article" and edge["source"] != edge["target"]:
            graph.add_edge(edge["source"], edge["target"])
    return graph, file_of


def run_storygraph(binary, records, method, scratch):
    """Seconds for the whole analyze run, and the report's stories as {file basename: story id}."""
    out = os.path.join(scratch, method)
    start = time.perf_counter()
    with open(os.path.join(scratch, method + ".stdout"), "wb") as stdout:
        subprocess.run([binary, "analyze", records, "--no-render", "--format", "json", "--output", out,
                        "--stories", method], check=True, stdout=stdout, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    report = json.load(open(os.path.join(out, "report.json")))
    story_of = {}
    for story in report.get("stories", []):
        for member in story["members"]:
            story_of[os.path.basename(member["file"])] = story["id"]
    return seconds, story_of


def scores(planted, story_of_file, graph, file_of):
    """ARI over records in planted stories of 3 or more; modularity of the partition on `graph`."""
    sizes = {}
    for story in planted.values():
        sizes[story] = sizes.get(story, 0) + 1
    files = sorted(f for f, story in planted.items() if sizes[story] >= 3)
    ari = adjusted_rand_index([planted[f] for f in files],
                              [story_of_file.get(f, ("alone", f)) for f in files])
    groups = {}
    for node in graph.nodes:
        label = story_of_file.get(file_of[node], ("alone", node))
        groups.setdefault(label, set()).add(node)
    return ari, nx.community.modularity(graph, list(groups.values()))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=20000)
    ap.add_argument("--seeds", type=int, nargs="+", default=[4711, 12, 99])
    ap.add_argument("--bridge", type=float, default=0.08)
    ap.add_argument("--related-mean", type=float, default=3)
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "storygraph"))
    ap.add_argument("--methods", nargs="+", default=["leiden", "louvain", "components", "off"])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    print(f"# {platform.node()} · {platform.machine()} · {os.cpu_count()} CPUs · "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} · networkx {nx.__version__}")
    print(f"# gen_corpus.py {args.records} --bridge {args.bridge:g} --related-mean {args.related_mean:g}; "
          "ARI over records in planted stories of 3+; modularity unweighted, on the undirected graph")
    print(f"{'seed':>6} {'who':<24} {'ARI':>7} {'modularity':>10} {'seconds':>8} {'groups':>7}   (seconds: median of {args.repeat})")
    for seed in args.seeds:
        path = corpus(args.records, seed, args.bridge, args.related_mean)
        records = os.path.join(path, "records")
        planted = json.load(open(os.path.join(path, "stories.json")))
        with tempfile.TemporaryDirectory(prefix="stories-bench-") as scratch:
            graph, file_of = undirected_graph(args.binary, records, scratch)
            times = {method: [] for method in args.methods + ["networkx"]}
            results = {}
            for _ in range(args.repeat):
                for method in args.methods:
                    seconds, results[method] = run_storygraph(args.binary, records, method, scratch)
                    times[method].append(seconds)
                start = time.perf_counter()
                communities = nx.community.louvain_communities(graph, seed=seed)
                times["networkx"].append(time.perf_counter() - start)
            story_of = {}
            for index, community in enumerate(communities):
                if len(community) > 1:
                    for node in community:
                        story_of[file_of[node]] = index
            results["networkx"] = story_of
            for who in args.methods + ["networkx"]:
                ari, modularity = scores(planted, results[who], graph, file_of)
                name = "networkx louvain" if who == "networkx" else "storygraph " + who
                print(f"{seed:>6} {name:<24} {ari:>7.4f} {modularity:>10.4f} {statistics.median(times[who]):>8.2f} "
                      f"{len(set(results[who].values())):>7}   runs: {' '.join(f'{t:.2f}' for t in times[who])}", flush=True)
            print(f"{seed:>6} {'(graph)':<24} {graph.number_of_nodes()} nodes, {graph.number_of_edges()} undirected edges")


if __name__ == "__main__":
    main()
