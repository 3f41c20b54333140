# The two entry points README.md gives; each installs what is missing first.
.PHONY: run test deps test-deps

# The main job: analyse seeds/ and write output/ (report.json, graph.dot, graph.svg).
run: deps
	swift build -c release --product storygraph
	.build/release/storygraph analyze seeds --output output

# Every test: unit tests, the Graphviz renderer, and the built binary end to end
# against gen_corpus.py's truth and peer_networkx.py on ../shared.
test: test-deps
	swift build --build-tests
	swift test --skip-build --disable-swift-testing

deps:
	@scripts/install-deps.sh

test-deps:
	@scripts/install-deps.sh --test
