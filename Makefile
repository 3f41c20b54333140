# The entry points README.md gives; each installs what is missing first.
.PHONY: run test deps test-deps notebook bench

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

# The loading benchmark of BENCHMARKS.md: generates (and caches) 10k, 100k and 1M-record
# corpora, times storygraph beside cat and peer_networkx.py, checks every count against
# truth.json, prints the table. SIZES=10000,100000 RUNS=3 narrow it.
bench: test-deps
	swift build -c release --product storygraph
	scripts/bench.py --sizes $(or $(SIZES),10000,100000,1000000) --runs $(or $(RUNS),3)

deps:
	@scripts/install-deps.sh

test-deps:
	@scripts/install-deps.sh --test
