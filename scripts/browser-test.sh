#!/usr/bin/env bash
# The web page's test: index the bundled newsroom example, start the real
# server on a free loopback port, and drive the page in headless Chromium.
# Screenshots land in target/browser/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-browser.sh
cargo build --release --quiet --bin storyline
bin=target/release/storyline
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin" index "$work/index" add examples/newsroom 2>/dev/null
"$bin" serve --index "$work/index" --addr 127.0.0.1:0 >"$work/out" 2>"$work/err" &
server=$!
for _ in $(seq 100); do grep -q "listening on" "$work/out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/out")
[ -n "$url" ] || { echo "server did not start:"; cat "$work/err"; exit 1; }
node tests/browser/browser.test.mjs "$url" target/browser
