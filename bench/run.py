#!/usr/bin/env python3
"""Driver for bench/run.sh: generate, run every tool, score, print one table.

For each corpus size N: `storyline bench gen` writes bench/out/N/corpus.jsonl
and gold.jsonl (in bench/out/N-closed/ with NAMES=closed, the fixed name
pool); `storyline cluster --timings` and each peer (bench/peers.py) run
as separate processes whose wall time and peak RSS are measured here
(runs under QUICK_SECONDS are repeated, tools taking turns, and the
median kept);
bench/score.py scores the near-copy pairs each one reports. Results go to
bench/out/N/results.json and a Markdown table on stdout.
"""
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from score import score  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / "target" / "release" / "storyline"
VENV_PYTHON = ROOT / "bench" / ".venv" / "bin" / "python"
PEERS = ["gaoya", "rensa", "datasketch"]


def measured(cmd, stderr_path, may_fail=False):
    """Run cmd; return (wall seconds, peak RSS in MB, failure or None).

    storyline must succeed; a peer may fail (at 1M articles gaoya is killed
    for want of memory), which is recorded and shown rather than ending
    the run."""
    started = time.perf_counter()
    with open(stderr_path, "w") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    failure = None
    if code < 0:
        failure = f"killed by signal {-code}" + (" (out of memory?)" if -code == 9 else "")
    elif code > 0:
        failure = f"exit status {code}"
    if failure and not may_fail:
        sys.exit(f"{cmd[0]} failed ({failure}); see {stderr_path}")
    return wall, usage.ru_maxrss / 1024, failure


# A run shorter than this is repeated (every tool alike) and its median wall
# time kept: at 10k articles start-up and page faults make single runs of
# sub-second tools vary by ±20 %.
QUICK_SECONDS = 10.0
QUICK_RUNS = 5


def measured_in_turn(jobs):
    """measured() for every (cmd, stderr_path, may_fail) job; the quick ones
    repeated, taking turns round by round rather than each tool's runs back
    to back, so that drift in the machine's speed (this VM's varies by a
    third from hour to hour) touches every tool alike. Returns per job
    (median wall, largest peak RSS, failure)."""
    runs = [[measured(*job)] for job in jobs]
    quick = [i for i, r in enumerate(runs) if r[0][0] < QUICK_SECONDS and not r[0][2]]
    for _ in range(QUICK_RUNS - 1):
        for i in quick:
            runs[i].append(measured(*jobs[i]))
    results = []
    for r in runs:
        walls = sorted(x[0] for x in r)
        results.append((walls[len(walls) // 2], max(x[1] for x in r), r[-1][2]))
    return results


def stages(stderr_path):
    found = {}
    for line in Path(stderr_path).read_text().splitlines():
        m = re.match(r"\s*(.+?): (\d+) items in ([\d.]+) s \((\d+)/s\)", line)
        if m:
            found[m.group(1)] = {"seconds": float(m.group(3)), "per_sec": int(m.group(4))}
    return found


def run_size(n, peers):
    names = os.environ.get("NAMES", "open")
    out = ROOT / "bench" / "out" / (str(n) if names == "open" else f"{n}-{names}")
    out.mkdir(parents=True, exist_ok=True)
    gen = [str(BINARY), "bench", "gen", "--articles", str(n), "--names", names, "--out", str(out)]
    if os.environ.get("SENTENCES"):
        gen += ["--sentences", os.environ["SENTENCES"]]
    subprocess.run(gen, check=True, stderr=subprocess.DEVNULL)
    corpus, gold = out / "corpus.jsonl", out / "gold.jsonl"
    jobs = [([str(BINARY), "cluster", str(corpus), "--timings", "--format", "json", "--out", str(out / "storyline")],
             out / "storyline.stderr", False),
            ([str(BINARY), "dedup", str(corpus), "--out", str(out / "dedup.pairs.jsonl")],
             out / "dedup.stderr", False)]
    jobs += [([str(VENV_PYTHON), str(ROOT / "bench" / "peers.py"), peer, str(corpus), str(out / f"{peer}.pairs.jsonl")],
              out / f"{peer}.stderr", True) for peer in peers]
    timed = measured_in_turn(jobs)

    def row(tool, timing):
        return {"tool": tool, "seconds": timing[0], "docs_per_sec": n / timing[0], "rss_mb": timing[1]}

    results = [{**row("storyline", timed[0]), "stages": stages(out / "storyline.stderr"),
                **score(gold, out / "storyline" / "pairs.jsonl", {"exact", "near-copy"})},
               {**row("storyline dedup", timed[1]), **score(gold, out / "dedup.pairs.jsonl")}]
    for peer, t in zip(peers, timed[2:]):
        if t[2]:
            results.append({**row(peer, t), "failed": t[2]})
        else:
            results.append({**row(peer, t), **score(gold, out / f"{peer}.pairs.jsonl")})
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    return results


def table(n, results):
    gaoya = next((r for r in results if r["tool"] == "gaoya" and "failed" not in r), None)
    lines = [f"### {n:,} articles", "",
             "| tool | wall s | docs/s | peak RSS MB | near-copy precision | recall | docs/s vs gaoya |",
             "|---|---|---|---|---|---|---|"]
    for r in results:
        if "failed" in r:
            lines.append(f"| {r['tool']} | {r['failed']} after {r['seconds']:.1f} s | — | {r['rss_mb']:,.0f} | — | — | — |")
            continue
        ratio = f"{r['docs_per_sec'] / gaoya['docs_per_sec']:.2f}×" if gaoya else "—"
        wall = f"{r['seconds']:.2f}" if r["seconds"] < QUICK_SECONDS else f"{r['seconds']:.1f}"
        lines.append(f"| {r['tool']} | {wall} | {r['docs_per_sec']:,.0f} | {r['rss_mb']:,.0f} "
                     f"| {r['precision']:.4f} | {r['recall']:.4f} | {ratio} |")
    st = results[0]["stages"]
    lines += ["", "storyline stages (docs/s): " + ", ".join(f"{k} {v['per_sec']:,}" for k, v in st.items()), ""]
    return "\n".join(lines)


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [10_000]
    chosen = os.environ.get("PEERS", "1")
    peers = {"1": PEERS, "0": []}.get(chosen, [p for p in chosen.split(",") if p in PEERS])
    for n in sizes:
        print(table(n, run_size(n, peers)), flush=True)


if __name__ == "__main__":
    main()
