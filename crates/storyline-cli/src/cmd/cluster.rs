//! `storyline cluster PATH...`

use super::Format;
use crate::input::{input_bytes, report_problems};
use crate::output::{files, html, report::Report, table};
use crate::progress::Bar;
use std::io::Write;
use std::path::PathBuf;
use storyline_engine::{explain, Builder, Corpus, Progress, Stories, Tuning};
use storyline_ingest::{read_paths_in_batches, Ingested};

/// Side-by-side views in report.html beyond this many pairs would make the
/// page too heavy to open; the rest stay in pairs.jsonl.
const MAX_HTML_PAIRS: usize = 500;

/// Articles prepared together: enough to keep every core busy, few enough
/// that a batch's documents (about 15 KB each) stay small beside the corpus.
const BATCH: usize = 10_000;

/// With `--spill auto`, inputs larger than this keep their prepared
/// documents in a temporary file (about 9 KB an article) rather than in
/// memory (about 20 KB). Reading a spilled document back costs little: at
/// 100,000 generated articles (250 MB) a spilled run took 36.9 s and 466 MB,
/// one in memory 36.4 s and 2,043 MB. Below about 50,000 articles memory is
/// no concern, and no temporary file is written.
const SPILL_ABOVE_BYTES: u64 = 128 << 20;

/// Where prepared documents wait between analysis and labelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Spill {
    /// In memory for inputs up to 128 MB; spilled for larger ones and stdin.
    Auto,
    /// Always spill: prepared documents go to a temporary file (memory then
    /// holds about 3 KB per article) and are read back when labelled.
    Always,
    /// Never spill: no temporary file, but about 20 KB of memory per article.
    Never,
}

#[derive(clap::Args)]
pub struct Args {
    /// Files or folders (.txt, .md, .jsonl, .html), or `-` for JSONL on stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Also write stories.json, pairs.jsonl, articles.csv and report.html here.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// List articles that stand alone, too (text format).
    #[arg(long)]
    all: bool,
    /// Override a tuning knob for an experiment (repeatable), e.g.
    /// `--set story_threshold=0.3`. Names are the fields of `Tuning`.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<String>,
    /// Print each pipeline stage's time, rate and memory to stderr.
    #[arg(long)]
    timings: bool,
    #[command(flatten)]
    model: super::ModelArg,
    /// Keep articles in a temporary file between analysis and labelling,
    /// so memory does not grow with the whole corpus's text.
    #[arg(long, value_enum, default_value = "auto")]
    spill: Spill,
}

pub fn run(args: Args) -> Result<(), String> {
    let tuning = super::tuning_with(&args.set)?;
    let bar = Bar::new(args.timings);
    let (corpus, ingested) = read_corpus(&args, tuning, &bar)?;
    let result = corpus.stories_with_progress(&bar);
    let report = Report::new(&corpus, &result, &ingested);
    if let Some(dir) = &args.out {
        let page = report_page(&corpus, &result, &report);
        files::write_all(dir, &corpus, &result, &report, &page)?;
        eprintln!(
            "wrote stories.json, pairs.jsonl, articles.csv, report.html to {}",
            dir.display()
        );
    }
    match args.format {
        Format::Json => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            serde_json::to_writer_pretty(&mut out, &report)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out))
                .and_then(|()| out.flush())
                .map_err(|e| format!("cannot write the report: {e}"))?;
        }
        Format::Text => print!("{}", table::story_table(&report, args.all)),
    }
    Ok(())
}

/// Read the inputs a batch at a time into a corpus, printing what could not
/// be used.
fn read_corpus(args: &Args, tuning: Tuning, bar: &Bar) -> Result<(Corpus, Ingested), String> {
    let spill = match args.spill {
        Spill::Always => true,
        Spill::Never => false,
        Spill::Auto => input_bytes(&args.paths).is_none_or(|bytes| bytes > SPILL_ABOVE_BYTES),
    };
    let temp_failed = |e: std::io::Error| format!("cannot write the temporary spill file: {e}");
    let mut builder = Builder::new(tuning, spill).map_err(temp_failed)?;
    if let Some(model) = args.model.load()? {
        builder = builder.with_model(model);
    }
    let mut failure = None;
    bar.start("clean + analyse", 0);
    let ingested = read_paths_in_batches(&args.paths, BATCH, |batch| {
        if failure.is_none() {
            failure = builder.add(batch, bar).err();
        }
    });
    bar.finish();
    if let Some(e) = failure {
        return Err(temp_failed(e));
    }
    report_problems(&ingested, &args.paths, builder.len())?;
    Ok((builder.finish(bar).map_err(temp_failed)?, ingested))
}

/// The HTML report with side-by-side views, copies first.
fn report_page(corpus: &Corpus, result: &Stories, report: &Report) -> String {
    let mut order: Vec<usize> = (0..result.pairs.len()).collect();
    order.sort_by_key(|&i| (result.pairs[i].relation, i));
    let shown: Vec<usize> = order.iter().copied().take(MAX_HTML_PAIRS).collect();
    let explained: Vec<_> = shown
        .iter()
        .map(|&i| (i, explain(corpus, result.pairs[i].a, result.pairs[i].b)))
        .collect();
    html::render(report, &explained, result.pairs.len() - explained.len())
}
