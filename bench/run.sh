#!/usr/bin/env bash
# Benchmark storyline against gaoya, rensa and datasketch on generated corpora.
#
#   bench/run.sh [N ...]          # default: 10000
#   PEERS=0 bench/run.sh 10000    # storyline only (the CI smoke run)
#   PEERS=gaoya bench/run.sh 100000   # storyline and one peer
#   SENTENCES=../shared/data/neus-allsides.jsonl bench/run.sh 10000
#   NAMES=closed bench/run.sh 1000000   # names from a fixed pool: the stress case
#
# Peers are installed from PyPI into bench/.venv, pinned to the versions measured.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
if [ "${PEERS:-1}" != 0 ]; then
  if [ ! -x bench/.venv/bin/python ]; then
    python3 -m venv bench/.venv
  fi
  bench/.venv/bin/pip install --quiet datasketch==2.0.0 rensa==0.5.0 gaoya==0.2.2
fi
exec python3 bench/run.py "$@"
