//! Benchmark corpora: realistic-length synthetic news articles with planted
//! copy groups and their gold labels.
//!
//! Every article is built from the project's own sentence templates and
//! invented names (or, optionally, sentences read from a JSONL file at run
//! time), so the corpus can be regenerated anywhere from a seed and nothing
//! third-party is stored. Planted groups: exact copies, near-copies with 5–20 %
//! word edits, copies with a new headline or an added paragraph, and
//! look-alikes (the same template with other names and numbers) as hard
//! negatives.

mod edits;
mod generate;
mod names;
mod rng;
mod templates;

pub use generate::{generate, CorpusSpec, Generated, GoldRow, Kind};
pub use names::NameSupply;
pub use rng::Rng;

/// Sentences for the pool, from the `text` field of each JSONL line (lines
/// that are not JSON objects with a text are ignored: the pool is optional
/// seasoning). Very short and very long sentences are left out.
pub fn sentence_pool(jsonl: &str) -> Vec<String> {
    jsonl
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .flat_map(|text| {
            text.lines()
                .flat_map(storyline_analyse::split_sentences)
                .collect::<Vec<_>>()
        })
        .filter(|s| (6..=40).contains(&s.split_whitespace().count()))
        .collect()
}
