//! Ingest: turn paths (files, folders, `-` for stdin) into [`Article`]s.
//!
//! Reading never stops at the first bad input. Every file or line that cannot be
//! used becomes a [`Problem`] in [`Ingested::skipped`], and inputs that were used
//! with a caveat (lossy UTF-8, a renamed duplicate id) become a [`Problem`] in
//! [`Ingested::warnings`]. Callers decide what to do when nothing was read.

mod article;
mod collect;
mod fields;
mod html;
mod jsonl;
mod mapped;
pub use fields::parse_line as parse_json_article;
mod source;
mod text;

pub use article::{normalise_date, Article, Origin};
pub use source::{
    read_paths, read_paths_in_batches, read_paths_kept, read_reader_jsonl, Ingested, Problem,
};

/// Articles with fewer words than this (title and body together) are skipped:
/// they carry too little text to be compared meaningfully.
pub const MIN_WORDS: usize = 5;

/// Whether an article has enough words to compare ([`MIN_WORDS`]), or why
/// not. Every reader and the HTTP server reject short articles with it,
/// so the rule and its message are the same everywhere.
pub fn check_length(article: &Article) -> Result<(), String> {
    match article.word_count(MIN_WORDS) {
        0 => Err("empty article".to_string()),
        n if n < MIN_WORDS => Err(format!(
            "article too short ({n} words; at least {MIN_WORDS} needed)"
        )),
        _ => Ok(()),
    }
}
