//! `storyline eval`: clustering scores against a gold `story` field, pair
//! score correlations against a gold column, or the sentence paraphrase
//! decision against a gold label.

mod corpus;
mod pairs;
mod paraphrase;

use super::Format;
use std::path::PathBuf;
use storyline_engine::{NoProgress, Tuning};

#[derive(clap::Args)]
#[command(group = clap::ArgGroup::new("input").required(true).args(["corpus", "pairs", "paraphrases"]))]
pub struct Args {
    /// JSONL articles with a gold `story` field: scores story clustering.
    #[arg(long, value_name = "FILE")]
    corpus: Option<PathBuf>,
    /// JSONL pairs with `text1`, `text2` and a gold column: scores pair similarity.
    #[arg(long, value_name = "FILE")]
    pairs: Option<PathBuf>,
    /// JSONL sentence pairs `s1`, `s2` with a 0/1 `label` (MSRP): scores the
    /// alignment's decision that two sentences say the same thing.
    #[arg(long, value_name = "FILE")]
    paraphrases: Option<PathBuf>,
    /// Only articles (or pairs) whose `split` field is one of these (comma-separated).
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
    /// With --corpus: add the articles one at a time (in date order, then
    /// input order) to a new persistent index in this directory and score
    /// its stories, to measure how streaming differs from clustering at once.
    #[arg(long, value_name = "DIR")]
    index: Option<PathBuf>,
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
    #[command(flatten)]
    model: super::ModelArg,
}

impl Args {
    pub(super) fn tuning(&self) -> Result<Tuning, String> {
        super::tuning_with(&self.set)
    }
}

pub fn run(args: Args) -> Result<(), String> {
    match (&args.corpus, &args.pairs, &args.paraphrases) {
        (Some(path), ..) => corpus::run(path, &args),
        (None, Some(path), _) => pairs::run(path, &args),
        (None, None, Some(path)) => paraphrase::run(path, &args),
        (None, None, None) => unreachable!("clap requires one input"),
    }
}

/// Whether a row's `split` field is among the requested ones (all when none).
fn in_split(fields: &serde_json::Map<String, serde_json::Value>, splits: &[String]) -> bool {
    let split = fields.get("split").and_then(serde_json::Value::as_str);
    splits.is_empty() || split.is_some_and(|s| splits.iter().any(|x| x == s))
}

/// Read a JSONL file of evaluation rows: each parsed line in the requested
/// split, with its line number; malformed lines are reported and counted.
fn read_rows(
    path: &std::path::Path,
    splits: &[String],
) -> Result<(Vec<(usize, serde_json::Value)>, usize), String> {
    let shown = path.display();
    let content = std::fs::read_to_string(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let (mut rows, mut skipped) = (Vec::new(), 0);
    for (i, line) in content
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(row)) => {
                if in_split(&row, splits) {
                    rows.push((i + 1, serde_json::Value::Object(row)));
                }
            }
            Ok(_) => {
                eprintln!("skipped: {shown}:{}: expected a JSON object", i + 1);
                skipped += 1;
            }
            Err(e) => {
                eprintln!("skipped: {shown}:{}: malformed JSON: {e}", i + 1);
                skipped += 1;
            }
        }
    }
    Ok((rows, skipped))
}

/// Judge each `(line, text1, text2)` pair as `storyline` would, with corpus
/// statistics from all the texts, and map each judged pair to a number.
fn pair_scores<T: Send>(
    file: &str,
    texts: Vec<(usize, String, String)>,
    tuning: &Tuning,
    model: super::Model,
    value: impl Fn(&storyline_engine::Pair) -> T + Sync,
) -> Vec<T> {
    use rayon::prelude::*;
    let origin = |line| storyline_ingest::Origin {
        path: file.to_string(),
        line: Some(line),
    };
    let mut articles = Vec::with_capacity(texts.len() * 2);
    for (line, t1, t2) in texts {
        articles.push(storyline_ingest::Article::new(
            format!("{line}:1"),
            t1,
            origin(line),
        ));
        articles.push(storyline_ingest::Article::new(
            format!("{line}:2"),
            t2,
            origin(line),
        ));
    }
    let corpus = storyline_engine::Corpus::with_model(articles, tuning.clone(), model, &NoProgress);
    (0..corpus.len() / 2)
        .into_par_iter()
        .map(|i| {
            let (a, b) = (2 * i, 2 * i + 1);
            value(&corpus.pair(a, b, corpus.cosine(a, b), false))
        })
        .collect()
}
