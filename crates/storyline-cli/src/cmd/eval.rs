//! `storyline eval`: clustering scores against a gold `story` field, or pair
//! score correlations against a gold column.

use super::Format;
use crate::input::load;
use crate::progress::Bar;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;
use storyline_engine::{Corpus, Tuning};
use storyline_eval::{pearson, score_clustering, spearman, ClusterScores};
use storyline_ingest::{Article, Origin};

#[derive(clap::Args)]
#[command(group = clap::ArgGroup::new("input").required(true).args(["corpus", "pairs"]))]
pub struct Args {
    /// JSONL articles with a gold `story` field: scores story clustering.
    #[arg(long, value_name = "FILE")]
    corpus: Option<PathBuf>,
    /// JSONL pairs with `text1`, `text2` and a gold column: scores pair similarity.
    #[arg(long, value_name = "FILE")]
    pairs: Option<PathBuf>,
    /// Only articles whose `split` field is one of these (comma-separated).
    #[arg(long, value_delimiter = ',')]
    split: Vec<String>,
    /// Gold column for --pairs.
    #[arg(long, default_value = "overall")]
    gold: String,
    /// Negate the gold column (for SemEval, where 1 = most similar).
    #[arg(long)]
    invert: bool,
    /// Print each pipeline stage's time and rate to stderr.
    #[arg(long)]
    timings: bool,
    /// How many worst merges and splits to list.
    #[arg(long, default_value_t = 10)]
    worst: usize,
    /// Override a tuning knob for an experiment (repeatable), e.g.
    /// `--set story_threshold=0.25`. Names are the fields of `Tuning`.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

impl Args {
    fn tuning(&self) -> Result<Tuning, String> {
        let mut tuning = Tuning::default();
        for assignment in &self.set {
            tuning.set(assignment)?;
        }
        Ok(tuning)
    }
}

pub fn run(args: Args) -> Result<(), String> {
    match (&args.corpus, &args.pairs) {
        (Some(path), _) => eval_corpus(path, &args),
        (None, Some(path)) => eval_pairs(path, &args),
        (None, None) => unreachable!("clap requires --corpus or --pairs"),
    }
}

#[derive(Serialize)]
struct CorpusReport {
    corpus: String,
    split: Vec<String>,
    seconds: f64,
    docs_per_sec: f64,
    #[serde(flatten)]
    scores: ClusterScores,
}

fn eval_corpus(path: &PathBuf, args: &Args) -> Result<(), String> {
    let mut articles = load(std::slice::from_ref(path))?.articles;
    if !args.split.is_empty() {
        articles.retain(|a| {
            a.extra
                .get("split")
                .and_then(Value::as_str)
                .is_some_and(|s| args.split.iter().any(|x| x == s))
        });
    }
    let gold: Vec<String> = articles
        .iter()
        .map(|a| {
            story_label(a).ok_or_else(|| {
                format!(
                    "{}:{}: article '{}' has no \"story\" field",
                    a.origin.path,
                    a.origin.line.unwrap_or(0),
                    a.id
                )
            })
        })
        .collect::<Result<_, _>>()?;
    if articles.is_empty() {
        return Err(format!(
            "no articles in {} match --split {}",
            path.display(),
            args.split.join(",")
        ));
    }
    let started = Instant::now();
    let bar = Bar::new(args.timings);
    let corpus = Corpus::with_progress(articles, &bar);
    let result = corpus.stories_with_progress(&args.tuning()?, &bar);
    let seconds = started.elapsed().as_secs_f64();
    let mut predicted = vec![String::new(); corpus.docs.len()];
    for story in &result.stories {
        for &a in &story.articles {
            predicted[a] = story.id.clone();
        }
    }
    let report = CorpusReport {
        corpus: path.display().to_string(),
        split: args.split.clone(),
        seconds,
        docs_per_sec: corpus.docs.len() as f64 / seconds.max(1e-9),
        scores: score_clustering(&predicted, &gold, args.worst),
    };
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report).expect("serialises")
        ),
        Format::Text => print!("{}", corpus_text(&report)),
    }
    Ok(())
}

fn story_label(article: &Article) -> Option<String> {
    match article.extra.get("story")? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn corpus_text(r: &CorpusReport) -> String {
    let s = &r.scores;
    let mut out = format!(
        "{} articles, {} gold stories, {} predicted ({:.1} s, {:.0} docs/s)\n\
         B-cubed   P {:.4}  R {:.4}  F1 {:.4}\n\
         pairwise  P {:.4}  R {:.4}  F1 {:.4}\n\
         ARI       {:.4}\n",
        s.items,
        s.gold_clusters,
        s.predicted_clusters,
        r.seconds,
        r.docs_per_sec,
        s.bcubed.precision,
        s.bcubed.recall,
        s.bcubed.f1,
        s.pairwise.precision,
        s.pairwise.recall,
        s.pairwise.f1,
        s.ari
    );
    for (heading, list, other) in [
        (
            "worst merges (predicted story: gold parts)",
            &s.worst_merges,
            "gold",
        ),
        (
            "worst splits (gold story: predicted parts)",
            &s.worst_splits,
            "predicted",
        ),
    ] {
        out.push_str(&format!("\n{heading}\n"));
        for m in list {
            let parts: Vec<String> = m.parts.iter().map(|(l, n)| format!("{l}×{n}")).collect();
            out.push_str(&format!(
                "  {} ({} wrong pairs; {other}: {})\n",
                m.label,
                m.wrong_pairs,
                parts.join(" ")
            ));
        }
    }
    out
}

#[derive(Serialize)]
struct Correlation {
    pairs: usize,
    pearson: Option<f64>,
    spearman: Option<f64>,
}

#[derive(Serialize)]
struct PairsReport {
    file: String,
    gold: String,
    inverted: bool,
    skipped: usize,
    #[serde(flatten)]
    all: Correlation,
    by_language: BTreeMap<String, Correlation>,
}

struct PairRow {
    lang: String,
    gold: f64,
}

fn eval_pairs(path: &PathBuf, args: &Args) -> Result<(), String> {
    let content = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let shown = path.display().to_string();
    let (mut rows, mut articles, mut skipped) = (Vec::new(), Vec::new(), 0);
    for (i, line) in content
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        match pair_row(line, &args.gold) {
            Ok((row, t1, t2)) => {
                let origin = || Origin {
                    path: shown.clone(),
                    line: Some(i + 1),
                };
                articles.push(Article::new(format!("{}:1", i + 1), t1, origin()));
                articles.push(Article::new(format!("{}:2", i + 1), t2, origin()));
                rows.push(row);
            }
            Err(reason) => {
                eprintln!("skipped: {shown}:{}: {reason}", i + 1);
                skipped += 1;
            }
        }
    }
    if rows.is_empty() {
        return Err(format!("no usable pairs in {shown}"));
    }
    let corpus = Corpus::new(articles);
    let tuning = args.tuning()?;
    let sign = if args.invert { -1.0 } else { 1.0 };
    let scored: Vec<(&str, f64, f64)> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let (a, b) = (2 * i, 2 * i + 1);
            let score = corpus
                .pair(a, b, corpus.cosine(a, b, &tuning), false, &tuning)
                .score;
            (row.lang.as_str(), f64::from(score), sign * row.gold)
        })
        .collect();
    let correlate = |subset: Vec<&(&str, f64, f64)>| {
        let (x, y): (Vec<f64>, Vec<f64>) = subset.iter().map(|r| (r.1, r.2)).unzip();
        Correlation {
            pairs: x.len(),
            pearson: pearson(&x, &y),
            spearman: spearman(&x, &y),
        }
    };
    let mut langs: Vec<&str> = scored.iter().map(|r| r.0).collect();
    langs.sort_unstable();
    langs.dedup();
    let report = PairsReport {
        file: shown.clone(),
        gold: args.gold.clone(),
        inverted: args.invert,
        skipped,
        all: correlate(scored.iter().collect()),
        by_language: langs
            .iter()
            .map(|&l| {
                (
                    l.to_string(),
                    correlate(scored.iter().filter(|r| r.0 == l).collect()),
                )
            })
            .collect(),
    };
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report).expect("serialises")
        ),
        Format::Text => print!("{}", pairs_text(&report)),
    }
    Ok(())
}

fn pair_row(line: &str, gold: &str) -> Result<(PairRow, String, String), String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("malformed JSON: {e}"))?;
    let text = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or(format!("missing string field \"{k}\""))
    };
    let (t1, t2) = (text("text1")?, text("text2")?);
    let gold = v
        .get(gold)
        .and_then(Value::as_f64)
        .ok_or(format!("missing numeric gold field \"{gold}\""))?;
    let lang = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .unwrap_or("und")
            .to_string()
    };
    Ok((
        PairRow {
            lang: format!("{}-{}", lang("lang1"), lang("lang2")),
            gold,
        },
        t1,
        t2,
    ))
}

fn pairs_text(r: &PairsReport) -> String {
    let fmt = |c: &Correlation| {
        let f = |x: Option<f64>| x.map_or("n/a".to_string(), |v| format!("{v:.4}"));
        format!(
            "{:>5} pairs  Pearson {}  Spearman {}",
            c.pairs,
            f(c.pearson),
            f(c.spearman)
        )
    };
    let mut out = format!(
        "{} vs {}{}\nall    {}\n",
        r.file,
        if r.inverted { "-" } else { "" },
        r.gold,
        fmt(&r.all)
    );
    for (lang, c) in &r.by_language {
        out.push_str(&format!("{lang:<6} {}\n", fmt(c)));
    }
    out
}
