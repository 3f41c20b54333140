# The entry points README.md gives; each installs what is missing first.
.PHONY: run test deps test-deps notebook bench-stories

# The main job: analyse seeds/ and write output/ (report.json, graph.dot, graph.svg).
run: deps
	swift build -c release --product storygraph
	.build/release/storygraph analyze seeds --output output

# Every test: unit tests, the Graphviz renderer, and the built binary end to end
# against gen_corpus.py's truth and peer_networkx.py on ../shared.
test: test-deps
	swift build --build-tests
	swift test --skip-build --disable-swift-testing

# Re-runs examples/notebook.ipynb in place: it exports ../shared/corpus/everyday-ai
# with the release build, then reads the exports with networkx, pandas and matplotlib
# (pip install jupyter nbconvert ipykernel pandas matplotlib networkx first).
notebook: deps
	swift build -c release --product storygraph
	jupyter nbconvert --to notebook --execute --inplace examples/notebook.ipynb

# Issue 8's benchmark: stories (leiden, louvain, components) beside networkx's Louvain on
# gen_corpus.py corpora with bridges (cached in .bench-cache/): ARI, modularity, seconds.
bench-stories: test-deps
	swift build -c release --product storygraph
	python3 bench/stories_bench.py --records 20000 --seeds 4711 12 99 --bridge 0.08 --related-mean 3

deps:
	@scripts/install-deps.sh

test-# Issue 8's benchmark: stories (leiden, louvain, components) beside networkx's Louvain on
# gen_corpus.py corpora with bridges (cached in .bench-cache/): ARI, modularity, seconds.
bench-stories: test-deps
	swift build -c release --product storygraph
	python3 bench/stories_bench.py --records 20000 --seeds 4711 12 99 --bridge 0.08 --related-mean 3

deps:
	@scripts/install-deps.sh --test
