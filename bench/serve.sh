#!/usr/bin/env bash
# Load test of `storyline serve` from a second process, on a generated corpus.
#
#   bench/serve.sh [N]     # default 100000
#   NAMES=closed bench/serve.sh 100000   # names from a fixed pool
#
# 1. Streams the N articles to POST /v1/articles/stream with curl and times
#    the ingest (every article acknowledged after its commit).
# 2. Runs wrk (installed from Debian if missing) for 30 s against
#    GET /v1/articles/{random id}/similar?k=10 and prints its latency
#    percentiles, then the same for GET /v1/stories.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
cargo build --release --quiet --bin storyline
bin=target/release/storyline
names=${NAMES:-open}
out=bench/out/$n
[ "$names" = open ] || out=$out-$names
[ -f "$out/corpus.jsonl" ] || "$bin" bench gen --articles "$n" --names "$names" --out "$out" --seed 42
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin" serve --index "$work/index" --addr 127.0.0.1:0 >"$work/addr" 2>"$work/err" &
server=$!
for _ in $(seq 100); do grep -q listening "$work/addr" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/addr")

start=$(date +%s.%N)
curl -sS -N --data-binary @"$out/corpus.jsonl" -H 'Content-Type: application/x-ndjson' \
    "$url/v1/articles/stream" >"$work/acks"
end=$(date +%s.%N)
acked=$(grep -c '"story"' "$work/acks" || true)
errors=$(grep -c '"error"' "$work/acks" || true)
rss=$(awk '/VmHWM/ {print $2}' /proc/$server/status)
size=$(du -sm "$work/index" | cut -f1)
echo "ingest: $acked articles acknowledged ($errors errors) in $(echo "$end - $start" | bc) s:" \
     "$(echo "$acked / ($end - $start)" | bc) docs/s; server peak RSS $((rss / 1024)) MB; index $size MB on disk"
curl -s "$url/health"; echo

python3 - "$out/corpus.jsonl" >"$work/ids.lua" <<'PY'
import json, sys
ids = [json.loads(l)["id"] for l in open(sys.argv[1])]
print("ids = {" + ",".join(json.dumps(i) for i in ids[::max(1, len(ids) // 5000)]) + "}")
print('request = function() return wrk.format("GET", "/v1/articles/" .. ids[math.random(#ids)] .. "/similar?k=10") end')
PY
echo "query: GET /v1/articles/{id}/similar?k=10, 2 threads, 8 connections, 30 s"
wrk -t2 -c8 -d30s --latency -s "$work/ids.lua" "$url" | sed -n '/Latency Distribution/,/Requests\/sec/p'
echo "list: GET /v1/stories?order=largest, 2 threads, 8 connections, 15 s"
wrk -t2 -c8 -d15s --latency "$url/v1/stories?order=largest" | sed -n '/Latency Distribution/,/Requests\/sec/p'
