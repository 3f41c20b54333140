# The entry points README.md gives; each installs what is missing first.
.PHONY: run test deps test-deps notebook screenshots bench bench-stories fuzz test-asan test-tsan

# The main job: analyse seeds/ and write output/ (report.json, index.html, graph.dot,
# graph.svg, clusters/).
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
	python3 bench/load_bench.py --sizes $(or $(SIZES),10000,100000,1000000) --runs $(or $(RUNS),3)

# The libFuzzer target under AddressSanitizer, for FUZZ_SECONDS (SECURITY.md, "Fuzzing").
# Its corpus grows in .fuzz/corpus; a crashing input lands in .fuzz/artifacts.
FUZZ_SECONDS ?= 600
fuzz: deps
	STORYGRAPH_FUZZ=1 swift build -c debug --scratch-path .build-fuzz --product FuzzStoryGraph \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
	mkdir -p .fuzz/corpus .fuzz/artifacts
	cd .fuzz && SWIFT_BACKTRACE=enable=no nice -n 19 ../.build-fuzz/debug/FuzzStoryGraph corpus ../seeds \
		-max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix=artifacts/ -print_final_stats=1

# Every test with AddressSanitizer or ThreadSanitizer (the binary the CLI tests run included),
# each in its own build folder (SECURITY.md, "Sanitizers"). Leak checking is off: what the
# system's Graphviz, fontconfig, Foundation and XCTest keep until exit is not storygraph's.
test-asan: test-deps
	nice swift build --build-tests --sanitize=address --scratch-path .build-asan
	ASAN_OPTIONS=detect_leaks=0 nice swift test --skip-build --disable-swift-testing --scratch-path .build-asan

test-tsan: test-deps
	nice swift build --build-tests --sanitize=thread --scratch-path .build-tsan
	nice swift test --skip-build --disable-swift-testing --scratch-path .build-tsan

# Issue 8's benchmark: stories (leiden, louvain, components) beside networkx's Louvain on
# gen_corpus.py corpora with bridges (cached in .bench-cache/): ARI, modularity, seconds.
bench-stories: test-deps
	swift build -c release --product storygraph
	python3 bench/stories_bench.py --records 20000 --seeds 4711 12 99 --bridge 0.08 --related-mean 3

# The README's picture: output/index.html as headless Chromium draws it
# (BrowserTests checks it and output/clusters/1.svg in `make test`).
screenshots: run test-deps
	scripts/screenshot.sh output/index.html docs/index.png 1280,1250

deps:
	@scripts/install-deps.sh

test-deps:
	@scripts/install-deps.sh --test
