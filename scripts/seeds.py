#!/usr/bin/env python3
"""Check the product's worked example (../shared/seeds) end to end with the
release binary: one story, a `rewrite` pair, and the additions/boilerplate
the brief names. Exits non-zero with a message on the first failure."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("STORYLINE_SEEDS", ROOT.parent / "shared" / "seeds"))
BINARY = ROOT / "target" / "release" / "storyline"


def storyline(*args):
    out = subprocess.run([str(BINARY), *args, "--format", "json"], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def expect(condition, message):
    if not condition:
        sys.exit(f"seeds check failed: {message}")


def main():
    files = sorted(SEEDS.glob("*.txt"))
    expect(len(files) == 2, f"expected two seed articles in {SEEDS}")
    report = storyline("cluster", str(SEEDS))
    ids = sorted(f.stem for f in files)
    expect([sorted(s["articles"]) for s in report["stories"]] == [ids], f"one story of both: {report['stories']}")
    expect(len(report["pairs"]) == 1 and report["pairs"][0]["relation"] == "rewrite", f"rewrite pair: {report['pairs']}")
    e = storyline("compare", str(files[0]), str(files[1]))
    kinds = lambda side, group: {r["kind"] for r in e[side][group]}
    expect({"date-line", "faq", "sources"} <= kinds("b", "additions"), f"003 additions: {kinds('b', 'additions')}")
    expect({"photo-credit", "repeated-headline", "tag-line"} <= kinds("a", "boilerplate"), f"000 boilerplate: {kinds('a', 'boilerplate')}")
    expect(any(r["type"] == "match" for r in e["rows"]), "sentences align")
    print(f"seeds ok: one story, rewrite (score {report['pairs'][0]['score']}), additions and boilerplate listed")


if __name__ == "__main__":
    main()
