#!/usr/bin/env bash
# Screenshots a page or an SVG with headless Chromium, as a reader's browser draws it.
#   scripts/screenshot.sh FILE OUT.png [WIDTH,HEIGHT]
# Root needs --no-sandbox; the dbus and GPU messages Chromium prints headless are dropped.
set -euo pipefail
file=$(realpath "$1")
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
  --window-size="${3:-1280,960}" --screenshot="$2" "file://$file" >/dev/null 2>&1
test -s "$2"
