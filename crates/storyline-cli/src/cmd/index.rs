//! `storyline index DIR add|query|stories|story|stats`

use super::Format;
use crate::input::load;
use crate::progress::Bar;
use std::path::PathBuf;
use std::time::Instant;
use storyline_engine::Progress;
use storyline_index::{Added, Index, Order};

/// Articles committed per transaction by `add`: large enough that commits
/// cost little, small enough that progress shows and an interruption loses
/// little work (everything committed stays).
const BATCH: usize = 256;

#[derive(clap::Args)]
pub struct Args {
    /// The index directory (created on first use).
    dir: PathBuf,
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Add articles (files, folders or `-` for JSONL on stdin); stories grow.
    Add {
        /// Files or folders (.txt, .md, .jsonl, .html), or `-`.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// `json`: one line per article with its story and top matches.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// The stored articles most similar to an article (nothing is added).
    Query {
        /// A file holding one article.
        #[arg(long)]
        file: PathBuf,
        /// How many matches.
        #[arg(short, default_value_t = 10)]
        k: usize,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// List stories.
    Stories {
        /// `newest` (last grown first) or `largest`.
        #[arg(long, value_enum, default_value = "newest")]
        order: StoryOrder,
        /// Only stories with an article whose headline or id contains this.
        #[arg(long)]
        search: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long, default_value_t = 0)]
        offset: usize,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// One story: its articles, relations and merges (JSON).
    Story {
        /// Story number.
        id: i64,
    },
    /// Counts of articles, stories and merges.
    Stats,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum StoryOrder {
    Newest,
    Largest,
}

pub fn run(args: Args) -> Result<(), String> {
    let mut index = Index::open(&args.dir).map_err(|e| e.to_string())?;
    match args.action {
        Action::Add { paths, format } => add(&mut index, &paths, format),
        Action::Query { file, k, format } => {
            let mut articles = load(std::slice::from_ref(&file))?.articles;
            if articles.len() != 1 {
                return Err(format!(
                    "{} holds {} articles; query takes one",
                    file.display(),
                    articles.len()
                ));
            }
            let found = index
                .query(articles.remove(0), k)
                .map_err(|e| e.to_string())?;
            match format {
                Format::Json => print_json(&found),
                Format::Text => {
                    for m in found {
                        println!(
                            "{:.3}  {:<11} story {:<7} {}  {}",
                            m.score,
                            m.relation.as_deref().unwrap_or("-"),
                            m.story,
                            m.id,
                            m.title.unwrap_or_default()
                        );
                    }
                }
            }
            Ok(())
        }
        Action::Stories {
            order,
            search,
            limit,
            offset,
            format,
        } => {
            let order = match order {
                StoryOrder::Newest => Order::Newest,
                StoryOrder::Largest => Order::Largest,
            };
            let page = index
                .stories(order, search.as_deref(), limit, offset)
                .map_err(|e| e.to_string())?;
            match format {
                Format::Json => print_json(&page),
                Format::Text => {
                    println!("{} stories", page.total);
                    for s in page.stories {
                        println!(
                            "story {:<7} {:>4} articles  {}",
                            s.id,
                            s.size,
                            s.title.unwrap_or_default()
                        );
                    }
                }
            }
            Ok(())
        }
        Action::Story { id } => {
            print_json(&index.story(id).map_err(|e| e.to_string())?);
            Ok(())
        }
        Action::Stats => {
            print_json(&index.stats().map_err(|e| e.to_string())?);
            Ok(())
        }
    }
}

fn add(index: &mut Index, paths: &[PathBuf], format: Format) -> Result<(), String> {
    let articles = load(paths)?.articles;
    let started = Instant::now();
    let total = articles.len();
    let bar = Bar::new(false);
    bar.start("index", total as u64);
    let (mut created, mut merges) = (0, 0);
    let mut batches = articles.into_iter().peekable();
    while batches.peek().is_some() {
        let batch: Vec<_> = batches.by_ref().take(BATCH).collect();
        let n = batch.len() as u64;
        let added: Vec<Added> = index.add(batch).map_err(|e| e.to_string())?;
        for a in &added {
            created += usize::from(a.created);
            merges += a.merged.len();
            if format == Format::Json {
                println!("{}", serde_json::to_string(a).expect("records serialise"));
            }
        }
        bar.advance(n);
    }
    bar.finish();
    let secs = started.elapsed().as_secs_f64();
    let stats = index.stats().map_err(|e| e.to_string())?;
    eprintln!(
        "added {created} of {total} articles ({} already indexed) in {secs:.1} s ({:.0} docs/s), \
         {merges} story merges; the index holds {} articles in {} stories ({} with more than one)",
        total - created,
        total as f64 / secs.max(1e-9),
        stats.articles,
        stats.stories,
        stats.multi_article_stories
    );
    Ok(())
}

fn print_json(value: &impl serde::Serialize) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("records serialise")
    );
}
