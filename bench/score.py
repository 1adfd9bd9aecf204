#!/usr/bin/env python3
"""Near-copy precision and recall of a pairs file against a generated gold.

A gold pair is two articles of one planted family (an original and its exact
copies, near-copies, new-headline and added-paragraph copies). Look-alikes and
singles belong to no family. Predicted pairs are unordered and deduplicated.

    python score.py GOLD.jsonl PAIRS.jsonl [--relations exact,near-copy]
"""
import argparse
import json
from collections import defaultdict


def gold_pairs(path):
    families = defaultdict(list)
    with open(path) as f:
        for line in f:
            row = json.loads(line)
            if row["family"]:
                families[row["family"]].append(row["id"])
    return {tuple(sorted((m[i], m[j]))) for m in families.values() for i in range(len(m)) for j in range(i + 1, len(m))}


def predicted_pairs(path, relations):
    found = set()
    with open(path) as f:
        for line in f:
            row = json.loads(line)
            if relations and row.get("relation") not in relations:
                continue
            if row["a"] != row["b"]:
                found.add(tuple(sorted((row["a"], row["b"]))))
    return found


def score(gold_path, pairs_path, relations=None):
    gold = gold_pairs(gold_path)
    found = predicted_pairs(pairs_path, relations)
    hits = len(gold & found)
    return {
        "gold_pairs": len(gold),
        "found_pairs": len(found),
        "precision": hits / len(found) if found else 1.0,
        "recall": hits / len(gold) if gold else 1.0,
    }


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pairs")
    ap.add_argument("--relations", default="")
    args = ap.parse_args()
    relations = set(filter(None, args.relations.split(",")))
    print(json.dumps(score(args.gold, args.pairs, relations)))
