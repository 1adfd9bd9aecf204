//! `storyline bench gen`: write a synthetic corpus with planted copy families.

use clap::Subcommand;
use indicatif::{ProgressBar, ProgressDrawTarget};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use storyline_bench::{generate, sentence_pool, CorpusSpec, NameSupply};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: BenchCommand,
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Generate a corpus: DIR/corpus.jsonl (articles) and DIR/gold.jsonl
    /// (each article's family and kind: original, exact, near-copy,
    /// new-headline, added-paragraph, look-alike, single).
    Gen {
        /// Number of articles.
        #[arg(long, default_value_t = 10_000)]
        articles: usize,
        /// Output folder.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Also mix in sentences from the `text` field of this JSONL file.
        #[arg(long, value_name = "FILE")]
        sentences: Option<PathBuf>,
        /// Random seed; the same seed gives the same corpus.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Where surnames and place names come from: `open` (Zipf-like,
        /// new names keep appearing as in news) or `closed` (a fixed pool,
        /// the pre-December 2026 generator: a stress case where every
        /// rare word grows common at 1M articles).
        #[arg(long, value_enum, default_value_t = Names::Open)]
        names: Names,
    },
}

/// `--names` on the command line.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Names {
    Open,
    Closed,
}

pub fn run(args: Args) -> Result<(), String> {
    match args.command {
        BenchCommand::Gen {
            articles,
            out,
            sentences,
            seed,
            names,
        } => {
            let names = match names {
                Names::Open => NameSupply::Open,
                Names::Closed => NameSupply::Closed,
            };
            gen(articles, out, sentences, seed, names)
        }
    }
}

fn gen(
    articles: usize,
    out: PathBuf,
    sentences: Option<PathBuf>,
    seed: u64,
    names: NameSupply,
) -> Result<(), String> {
    let pool = match &sentences {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let pool = sentence_pool(&text);
            if pool.is_empty() {
                return Err(format!(
                    "no sentences found in the \"text\" fields of {}",
                    path.display()
                ));
            }
            pool
        }
        None => Vec::new(),
    };
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let open = |name: &str| {
        File::create(out.join(name))
            .map(BufWriter::new)
            .map_err(|e| format!("cannot write {}: {e}", out.join(name).display()))
    };
    let (mut corpus, mut gold) = (open("corpus.jsonl")?, open("gold.jsonl")?);
    let bar = ProgressBar::with_draw_target(Some(articles as u64), ProgressDrawTarget::stderr());
    let mut failure = None;
    generate(
        &CorpusSpec {
            articles,
            seed,
            pool,
            names,
        },
        |article, row| {
            let written = serde_json::to_writer(&mut corpus, &article)
                .map_err(std::io::Error::from)
                .and_then(|_| corpus.write_all(b"\n"))
                .and_then(|_| serde_json::to_writer(&mut gold, &row).map_err(std::io::Error::from))
                .and_then(|_| gold.write_all(b"\n"));
            if let Err(e) = written {
                failure.get_or_insert(e);
            }
            bar.inc(1);
        },
    );
    bar.finish_and_clear();
    corpus
        .flush()
        .and_then(|_| gold.flush())
        .map_err(|e| format!("cannot write to {}: {e}", out.display()))?;
    if let Some(e) = failure {
        return Err(format!("cannot write to {}: {e}", out.display()));
    }
    eprintln!(
        "wrote {articles} articles to {}/corpus.jsonl and their gold labels to gold.jsonl",
        out.display()
    );
    Ok(())
}
