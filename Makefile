# The entry points README.md gives; each installs what is missing first.
.PHONY: run test deps test-deps notebook screenshots

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

# The README's picture: output/index.html as headless Chromium draws it
# (BrowserTests checks it and output/clusters/1.svg in `make test`).
screenshots: run test-deps
	scripts/screenshot.sh output/index.html docs/index.png 1280,1250

deps:
	@scripts/install-deps.sh

test-# The README's picture: output/index.html as headless Chromium draws it
# (BrowserTests checks it and output/clusters/1.svg in `make test`).
screenshots: run test-deps
	scripts/screenshot.sh output/index.html docs/index.png 1280,1250

deps:
	@scripts/install-deps.sh --test
