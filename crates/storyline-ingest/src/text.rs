//! Plain-text files: one article per file, the id is the file stem.
//!
//! The headline, if the first line is one, is found later by the cleaner,
//! which also removes it where it repeats; this reader keeps the text whole.

use crate::article::{Article, Origin};

/// One article from the contents of a text file.
pub(crate) fn parse(stem: &str, content: &str, origin: Origin) -> Article {
    Article::new(stem, content, origin)
}
