//! `storyline compare A B`

use super::{Format, Model};
use crate::input::load;
use crate::output::side_by_side::{render, Palette};
use std::io::IsTerminal;
use std::path::PathBuf;
use storyline_engine::{explain, Corpus, NoProgress, Tuning};

#[derive(clap::Args)]
pub struct Args {
    /// Two article files, or two article ids with --corpus.
    #[arg(num_args = 2, required = true)]
    items: Vec<String>,
    /// Look the two ids up in this corpus (files or folders, as for `cluster`);
    /// its statistics weight the comparison.
    #[arg(long, value_name = "PATH")]
    corpus: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Width of the side-by-side view in columns.
    #[arg(long, default_value_t = 120)]
    width: usize,
    #[command(flatten)]
    model: super::ModelArg,
}

pub fn run(args: Args) -> Result<(), String> {
    let model = args.model.load()?;
    let (corpus, a, b) = if args.corpus.is_empty() {
        from_files(&args.items, model)?
    } else {
        from_corpus(&args.corpus, &args.items, model)?
    };
    let explanation = explain(&corpus, a, b);
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&explanation).expect("explanation serialises")
        ),
        Format::Text => {
            let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            print!(
                "{}",
                render(&explanation, args.width.max(40), &Palette::new(colour))
            );
        }
    }
    Ok(())
}

/// A corpus of `articles` with the default tuning.
fn corpus_of(articles: Vec<storyline_ingest::Article>, model: Model) -> Corpus {
    Corpus::with_model(articles, Tuning::default(), model, &NoProgress)
}

fn from_files(items: &[String], model: Model) -> Result<(Corpus, usize, usize), String> {
    let mut articles = Vec::new();
    for item in items {
        let ingested = load(&[PathBuf::from(item)])?;
        if ingested.articles.len() > 1 {
            return Err(format!(
                "{item} holds {} articles; use --corpus {item} with two ids",
                ingested.articles.len()
            ));
        }
        articles.extend(ingested.articles);
    }
    if articles[0].id == articles[1].id {
        articles[1].id.push_str("#2");
    }
    Ok((corpus_of(articles, model), 0, 1))
}

fn from_corpus(
    paths: &[PathBuf],
    ids: &[String],
    model: Model,
) -> Result<(Corpus, usize, usize), String> {
    let corpus = corpus_of(load(paths)?.articles, model);
    let find = |id: &str| {
        corpus
            .find(id)
            .ok_or_else(|| format!("no article with id '{id}' in the corpus"))
    };
    let (a, b) = (find(&ids[0])?, find(&ids[1])?);
    Ok((corpus, a, b))
}
