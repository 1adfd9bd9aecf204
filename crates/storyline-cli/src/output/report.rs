//! The machine-readable result of `cluster`, with article ids in place of
//! corpus indices.

use serde::Serialize;
use storyline_engine::relation::Evidence;
use storyline_engine::{Corpus, Stories};
use storyline_ingest::{Ingested, Problem};

/// One story in the report.
#[derive(Serialize)]
pub struct StoryOut {
    pub id: String,
    pub articles: Vec<String>,
    pub original: Option<String>,
    pub title: Option<String>,
}

/// One labelled pair in the report.
#[derive(Serialize)]
pub struct PairOut {
    pub story: String,
    pub a: String,
    pub b: String,
    pub relation: &'static str,
    pub score: f32,
    pub evidence: Evidence,
}

/// The whole report, as printed by `--format json` and written to `stories.json`.
#[derive(Serialize)]
pub struct Report {
    pub stories: Vec<StoryOut>,
    pub pairs: Vec<PairOut>,
    pub skipped: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

impl Report {
    pub fn new(corpus: &Corpus, result: &Stories, ingested: &Ingested) -> Self {
        let id = |i: usize| corpus.summaries[i].id.clone();
        let mut story_of = vec![String::new(); corpus.len()];
        let stories = result
            .stories
            .iter()
            .map(|s| {
                s.articles.iter().for_each(|&a| story_of[a] = s.id.clone());
                let titled = s.original.into_iter().chain(s.articles.iter().copied());
                let title = titled
                    .filter_map(|a| corpus.summaries[a].title.as_deref())
                    .next();
                StoryOut {
                    id: s.id.clone(),
                    articles: s.articles.iter().map(|&a| id(a)).collect(),
                    original: s.original.map(id),
                    title: title.map(str::to_string),
                }
            })
            .collect();
        let pairs = result
            .pairs
            .iter()
            .map(|p| PairOut {
                story: story_of[p.a].clone(),
                a: id(p.a),
                b: id(p.b),
                relation: p.relation.as_str(),
                score: round3(p.score),
                evidence: p.evidence.clone(),
            })
            .collect();
        Report {
            stories,
            pairs,
            skipped: ingested.skipped.clone(),
            warnings: ingested.warnings.clone(),
        }
    }
}

/// Scores to three decimals: more digits are noise to a reader.
pub fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}
