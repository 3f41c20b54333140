#!/usr/bin/env bash
# Installs what storygraph needs beyond the Swift toolchain, only where missing:
#   graphviz, libgraphviz-dev, pkg-config  (the C library the renderer links, its headers)
#   libsqlite3-dev                         (SQLite, which GRDB links for the SQLite export)
#   libjemalloc-dev                        (the allocator the command line links: Sources/StoryGraphAllocator)
#   with --test: python3 with networkx and PyYAML (the reference script the tests compare against,
#   and the readers of the exports); python-igraph where pip can install it (a second GraphML reader);
#   chromium (headless, screenshots index.html and a diagram) and Pillow (tells a blank screenshot)
set -euo pipefail

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_packages=()
command -v pkg-config >/dev/null 2>&1 || apt_packages+=(pkg-config)
pkg-config --exists libgvc 2>/dev/null || apt_packages+=(libgraphviz-dev)
command -v dot >/dev/null 2>&1 || apt_packages+=(graphviz)
pkg-config --exists sqlite3 2>/dev/null || apt_packages+=(libsqlite3-dev)
pkg-config --exists jemalloc 2>/dev/null || apt_packages+=(libjemalloc-dev)
if [ "${1:-}" = "--test" ]; then
  command -v python3 >/dev/null 2>&1 || apt_packages+=(python3 python3-pip)
  command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium)
fi
if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "install-deps: apt-get install ${apt_packages[*]}" >&2
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

if [ "${1:-}" = "--test" ] && ! python3 -c 'import networkx, yaml' 2>/dev/null; then
  echo "install-deps: pip install networkx pyyaml" >&2
  python3 -m pip install -q networkx pyyaml 2>/dev/null \
    || python3 -m pip install -q --break-system-packages networkx pyyaml 2>/dev/null \
    || DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq python3-networkx python3-yaml >/dev/null
fi

if [ "${1:-}" = "--test" ] && ! python3 -c 'import PIL' 2>/dev/null; then
  echo "install-deps: pip install pillow" >&2
  python3 -m pip install -q pillow 2>/dev/null \
    || python3 -m pip install -q --break-system-packages pillow 2>/dev/null \
    || DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq python3-pil >/dev/null
fi

# igraph only adds a second GraphML reader to the tests: skipped (and the tests say so) where it cannot install.
if [ "${1:-}" = "--test" ] && ! python3 -c 'import igraph' 2>/dev/null; then
  echo "install-deps: pip install python-igraph" >&2
  python3 -m pip install -q python-igraph 2>/dev/null \
    || python3 -m pip install -q --break-system-packages python-igraph 2>/dev/null \
    || echo "install-deps: python-igraph did not install; the export tests read GraphML with networkx only" >&2
fi
