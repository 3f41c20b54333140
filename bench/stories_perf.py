#!/usr/bin/env python3
"""Attributes the CPU samples of the stories task in a `perf record -g` profile of
`storygraph analyze` to its stages, as BENCHMARKS.md reports them ("The stories task's own time").

    perf record -F 999 -g -o stories.data .build/release/storygraph analyze RECORDS \
        --no-render --format json --jobs 1 --output /tmp/out
    python3 bench/stories_perf.py stories.data

A sample counts when its stack holds Stories.init or Clustering.init; it goes to the innermost
stage on its stack (matched on the Swift mangled names), and its leaf functions are listed.
"""
import collections
import subprocess
import sys

# (stage, a piece of its mangled symbol), innermost stages first.
STAGES = [
    ("TitleTerms.init", "10TitleTermsVyACSayAA6RecordVGcfC"),
    ("WeightedGraph.init", "08WeightedB0V9nodeCount5edges"),
    ("StoryWeights.graph", "0A7WeightsV5graph_5terms"),
    ("CommunityDetection", "18CommunityDetectionV"),
    ("Stories.label", "7StoriesV5label"),
    ("Stories.init (rest)", "7StoriesV_10clustering6method"),
    ("Clustering.init", "10ClusteringVyAcA07ArticleB0VcfC"),
]
ROOTS = ("7StoriesV_10clustering6method", "10ClusteringVyAcA07ArticleB0VcfC")


def main(data):
    script = subprocess.run(["perf", "script", "-i", data, "-F", "ip,sym"],
                            capture_output=True, text=True, check=True).stdout
    counts, leaves, total = collections.Counter(), collections.defaultdict(collections.Counter), 0
    for block in script.split("\n\n"):
        frames = [line.split(None, 1)[1] if len(line.split(None, 1)) > 1 else "?"
                  for line in block.strip().splitlines() if line.strip()]
        if not frames:
            continue
        total += 1
        if not any(root in frame for frame in frames for root in ROOTS):
            continue
        stage = next(name for frame in frames for name, piece in STAGES if piece in frame)
        counts[stage] += 1
        leaves[stage][frames[0][:90]] += 1
    print(f"samples in the profile: {total}; in the stories task: {sum(counts.values())}")
    for stage, count in counts.most_common():
        print(f"{count:6d}  {stage}")
        for leaf, leaf_count in leaves[stage].most_common(4):
            print(f"          {leaf_count:5d}  {leaf}")


if __name__ == "__main__":
    main(sys.argv[1])
