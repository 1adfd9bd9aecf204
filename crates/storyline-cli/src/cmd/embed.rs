//! `storyline embed PATH... --model DIR`: each article's sentence embedding,
//! as the engine computes it for `--model`, one JSON line per article.
//!
//! For your own analysis, and for `scripts/fit-projection.py`, which fits
//! the news projection on top of a model from these vectors: they must be
//! exactly the ones the engine blends, so they come from the same
//! preparation (cleaned text, headline first, cut at `meaning_tokens`).

use crate::input::report_problems;
use crate::progress::Bar;
use std::io::Write;
use std::path::PathBuf;
use storyline_engine::{Document, Progress};
use storyline_ingest::read_paths_kept;

/// Articles embedded together (the bar moves once per batch).
const BATCH: usize = 256;

#[derive(clap::Args)]
pub struct Args {
    /// Files or folders (.txt, .md, .jsonl, .html), or `-` for JSONL on stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    model: super::ModelArg,
    /// Write the lines here instead of stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// `KEY=VALUE` tuning overrides (only `meaning_tokens` matters here).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<String>,
}

/// One output line: `embedding` is empty for an article in a language the
/// model does not read (the engine compares those by words alone).
#[derive(serde::Serialize)]
struct Line<'a> {
    id: &'a str,
    language: &'static str,
    embedding: &'a [f32],
}

pub fn run(args: Args) -> Result<(), String> {
    let tuning = super::tuning_with(&args.set)?;
    let model = args
        .model
        .load()?
        .ok_or("embed needs --model DIR (bash scripts/fetch-model.sh fetches one)")?;
    let mut sink = crate::output::lines_sink(args.out.as_deref())?;
    let bar = Bar::new(false);
    bar.start("embed", 0);
    let embed = |article: &storyline_ingest::Article| {
        let doc = Document::prepare(article.clone());
        let embedding = doc.meaning(&model, tuning.meaning_tokens);
        (doc.analysed.lang, embedding.unwrap_or_default())
    };
    let (mut written, mut failure) = (0, None);
    let ingested = read_paths_kept(&args.paths, BATCH, embed, |batch| {
        for (id, (language, embedding)) in &batch {
            let line = Line {
                id,
                language,
                embedding,
            };
            let result = serde_json::to_writer(&mut sink, &line)
                .map_err(|e| e.to_string())
                .and_then(|()| sink.write_all(b"\n").map_err(|e| e.to_string()));
            if let Err(e) = result {
                failure.get_or_insert(e);
            }
        }
        written += batch.len();
        bar.advance(batch.len() as u64);
    });
    bar.finish();
    if let Some(e) = failure {
        return Err(format!("cannot write embeddings: {e}"));
    }
    report_problems(&ingested, &args.paths, written)?;
    sink.flush()
        .map_err(|e| format!("cannot write embeddings: {e}"))
}
