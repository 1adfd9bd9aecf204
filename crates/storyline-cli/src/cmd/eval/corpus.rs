//! `eval --corpus`: story clustering against the gold `story` field.

use super::{in_split, Args};
use crate::cmd::Format;
use crate::input::load;
use crate::progress::Bar;
use serde::Serialize;
use serde_json::Value;
use std::path::Path;
use std::time::Instant;
use storyline_engine::Corpus;
use storyline_eval::{score_clustering, ClusterScores};
use storyline_index::Index;
use storyline_ingest::Article;

#[derive(Serialize)]
struct CorpusReport {
    corpus: String,
    split: Vec<String>,
    seconds: f64,
    docs_per_sec: f64,
    #[serde(flatten)]
    scores: ClusterScores,
}

pub(super) fn run(path: &Path, args: &Args) -> Result<(), String> {
    let mut articles = load(&[path.to_path_buf()])?.articles;
    articles.retain(|a| in_split(&a.extra, &args.split));
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
    let count = articles.len();
    let predicted = match &args.index {
        Some(dir) => streamed(articles, dir, args)?,
        None => clustered(articles, args)?,
    };
    let seconds = started.elapsed().as_secs_f64();
    let report = CorpusReport {
        corpus: path.display().to_string(),
        split: args.split.clone(),
        seconds,
        docs_per_sec: count as f64 / seconds.max(1e-9),
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

/// Each article's story from clustering all at once.
fn clustered(articles: Vec<Article>, args: &Args) -> Result<Vec<String>, String> {
    let bar = Bar::new(args.timings);
    let corpus = Corpus::with_model(articles, args.tuning()?, args.model.load()?, &bar);
    let result = corpus.stories_with_progress(&bar);
    let mut predicted = vec![String::new(); corpus.len()];
    for story in &result.stories {
        for &a in &story.articles {
            predicted[a] = story.id.clone();
        }
    }
    Ok(predicted)
}

/// Each article's story after adding them one by one, oldest first, to a
/// new index in `dir`.
fn streamed(articles: Vec<Article>, dir: &Path, args: &Args) -> Result<Vec<String>, String> {
    if args.model.model.is_some() {
        return Err("--model does not apply to --index: the index compares by words only".into());
    }
    if dir.join("index.sqlite").exists() {
        return Err(format!(
            "{} already holds an index; eval --index needs a new directory",
            dir.display()
        ));
    }
    let mut index = Index::open(dir)
        .map_err(|e| e.to_string())?
        .with_tuning(args.tuning()?);
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_key(|&i| (articles[i].date.is_none(), articles[i].date.clone(), i));
    let ids: Vec<String> = articles.iter().map(|a| a.id.clone()).collect();
    let mut slots: Vec<Option<Article>> = articles.into_iter().map(Some).collect();
    for i in order {
        let article = slots[i].take().expect("each article once");
        index.add(vec![article]).map_err(|e| e.to_string())?;
    }
    ids.iter()
        .map(|id| {
            index
                .article(id)
                .map(|a| a.story.to_string())
                .map_err(|e| e.to_string())
        })
        .collect()
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
