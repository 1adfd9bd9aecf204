//! `storyline cluster PATH...`

use super::Format;
use crate::input::load;
use crate::output::{files, html, report::Report, table};
use crate::progress::Bar;
use std::path::PathBuf;
use storyline_engine::{explain, Corpus, Stories, Tuning};

/// Side-by-side views in report.html beyond this many pairs would make the
/// page too heavy to open; the rest stay in pairs.jsonl.
const MAX_HTML_PAIRS: usize = 500;

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
    /// Print each pipeline stage's time and rate to stderr.
    #[arg(long)]
    timings: bool,
}

pub fn run(args: Args) -> Result<(), String> {
    let mut ingested = load(&args.paths)?;
    let bar = Bar::new(args.timings);
    let corpus = Corpus::with_progress(std::mem::take(&mut ingested.articles), &bar);
    let tuning = super::tuning_with(&args.set)?;
    let result = corpus.stories_with_progress(&tuning, &bar);
    let report = Report::new(&corpus, &result, &ingested);
    if let Some(dir) = &args.out {
        let page = report_page(&corpus, &result, &report, &tuning);
        files::write_all(dir, &corpus, &result, &report, &page)?;
        eprintln!(
            "wrote stories.json, pairs.jsonl, articles.csv, report.html to {}",
            dir.display()
        );
    }
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report).expect("report serialises")
        ),
        Format::Text => print!("{}", table::story_table(&report, args.all)),
    }
    Ok(())
}

/// The HTML report with side-by-side views, copies first.
fn report_page(corpus: &Corpus, result: &Stories, report: &Report, tuning: &Tuning) -> String {
    let mut order: Vec<usize> = (0..result.pairs.len()).collect();
    order.sort_by_key(|&i| (result.pairs[i].relation, i));
    let shown: Vec<usize> = order.iter().copied().take(MAX_HTML_PAIRS).collect();
    let explained: Vec<_> = shown
        .iter()
        .map(|&i| {
            (
                i,
                explain(corpus, result.pairs[i].a, result.pairs[i].b, tuning),
            )
        })
        .collect();
    html::render(report, &explained, result.pairs.len() - explained.len())
}
