#!/usr/bin/env python3
"""Near-copy detection with a peer MinHash library, the way their docs show it:
MinHash over lower-cased word 5-grams, 128 permutations, LSH at a Jaccard
threshold. Writes every candidate pair it reports as JSONL {"a","b"} and prints
{"tool", "seconds", "docs_per_sec"} as JSON.

    python peers.py datasketch|rensa|gaoya CORPUS.jsonl PAIRS.jsonl [--threshold 0.5]
"""
import argparse
import json
import time

NUM_PERM = 128
NGRAM = 5


def shingles(text):
    words = text.lower().split()
    return {" ".join(words[i:i + NGRAM]) for i in range(max(1, len(words) - NGRAM + 1))}


def run_datasketch(ids, texts, threshold):
    from datasketch import MinHash, MinHashLSH
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    sigs = []
    for key, text in zip(ids, texts):
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch([s.encode() for s in shingles(text)])
        lsh.insert(key, m)
        sigs.append(m)
    return [(key, other) for key, m in zip(ids, sigs) for other in lsh.query(m) if other != key]


def run_rensa(ids, texts, threshold):
    from rensa import RMinHash, RMinHashLSH
    lsh = RMinHashLSH(threshold=threshold, num_perm=NUM_PERM, num_bands=32)
    sigs = []
    for i, text in enumerate(texts):
        m = RMinHash(num_perm=NUM_PERM, seed=42)
        m.update(list(shingles(text)))
        lsh.insert(i, m)
        sigs.append(m)
    return [(ids[i], ids[j]) for i, m in enumerate(sigs) for j in lsh.query(m) if j != i]


def run_gaoya(ids, texts, threshold):
    from gaoya.minhash import MinHashStringIndex
    index = MinHashStringIndex(32, threshold, 32, 4, None, "word", True, (NGRAM, NGRAM))
    index.par_bulk_insert_docs(list(range(len(texts))), texts)
    found = index.par_bulk_query(texts)
    return [(ids[i], ids[j]) for i, hits in enumerate(found) for j in hits if j != i]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tool", choices=["datasketch", "rensa", "gaoya"])
    ap.add_argument("corpus")
    ap.add_argument("pairs")
    ap.add_argument("--threshold", type=float, default=0.5)
    args = ap.parse_args()
    started = time.perf_counter()
    ids, texts = [], []
    with open(args.corpus) as f:
        for line in f:
            row = json.loads(line)
            ids.append(row["id"])
            texts.append((row.get("title") or "") + "\n" + row["text"])
    pairs = globals()["run_" + args.tool](ids, texts, args.threshold)
    seconds = time.perf_counter() - started
    with open(args.pairs, "w") as f:
        for a, b in pairs:
            f.write(json.dumps({"a": a, "b": b}) + "\n")
    print(json.dumps({"tool": args.tool, "seconds": seconds, "docs_per_sec": len(ids) / seconds}))


if __name__ == "__main__":
    main()
