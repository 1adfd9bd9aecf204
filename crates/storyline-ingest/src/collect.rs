//! Articles as they are read: checked, reduced to what the caller keeps,
//! given unique ids, and handed on in batches, with every problem recorded.

use crate::article::Article;
use crate::check_length;
use crate::source::{Ingested, Problem};
use std::collections::HashSet;

/// What a reader holds of each article until its batch is handed on: the
/// article itself, or its id beside what the caller made of it.
pub(crate) trait Kept: Send {
    /// The id, which the reader renames when an earlier article had it.
    fn id_mut(&mut self) -> &mut String;
}

impl Kept for Article {
    fn id_mut(&mut self) -> &mut String {
        &mut self.id
    }
}

impl<T: Send> Kept for (String, T) {
    fn id_mut(&mut self) -> &mut String {
        &mut self.0
    }
}

/// Turns an article into what is kept of it. It runs on whichever thread
/// parsed the article, so it must be shareable.
pub(crate) type Keep<'s, T> = &'s (dyn Fn(Article) -> T + Sync);

/// An article long enough to compare, as `keep` reduces it; or why it is
/// not used. Pure, so JSONL lines are admitted in parallel.
pub(crate) fn admit<T>(keep: Keep<T>, article: Article) -> Result<T, String> {
    check_length(&article).map(|()| keep(article))
}

/// The one place every reader hands its articles to, so that checks, id
/// renames and batching are the same for every format.
pub(crate) struct Collector<'s, T> {
    problems: Ingested,
    seen: HashSet<String>,
    batch: Vec<T>,
    batch_size: usize,
    pub(crate) keep: Keep<'s, T>,
    sink: &'s mut dyn FnMut(Vec<T>),
}

impl<'s, T: Kept> Collector<'s, T> {
    pub(crate) fn new(
        batch_size: usize,
        keep: Keep<'s, T>,
        sink: &'s mut dyn FnMut(Vec<T>),
    ) -> Self {
        Collector {
            problems: Ingested::default(),
            seen: HashSet::new(),
            batch: Vec::new(),
            batch_size: batch_size.max(1),
            keep,
            sink,
        }
    }

    /// Admit and accept an article read on this thread.
    pub(crate) fn push(&mut self, article: Article) {
        let (path, line) = (article.origin.path.clone(), article.origin.line);
        match admit(self.keep, article) {
            Ok(item) => self.accept(item, &path, line),
            Err(reason) => self.skip(&path, line, reason),
        }
    }

    /// Take an admitted article into the batch, renaming a clashing id.
    pub(crate) fn accept(&mut self, mut item: T, path: &str, line: Option<usize>) {
        let id = item.id_mut();
        if !self.seen.insert(id.clone()) {
            let renamed = unique_id(id, &mut self.seen);
            let reason = format!("duplicate id '{id}' renamed to '{renamed}'");
            *id = renamed;
            self.warn(path, line, reason);
        }
        self.batch.push(item);
        if self.batch.len() >= self.batch_size {
            self.flush();
        }
    }

    pub(crate) fn skip(&mut self, path: &str, line: Option<usize>, reason: impl Into<String>) {
        self.problems.skipped.push(Problem::new(path, line, reason));
    }

    pub(crate) fn warn(&mut self, path: &str, line: Option<usize>, reason: impl Into<String>) {
        self.problems
            .warnings
            .push(Problem::new(path, line, reason));
    }

    fn flush(&mut self) {
        if !self.batch.is_empty() {
            (self.sink)(std::mem::take(&mut self.batch));
        }
    }

    /// The problems; everything kept has gone to the sink.
    pub(crate) fn finish(mut self) -> Ingested {
        self.flush();
        self.problems
    }
}

fn unique_id(id: &str, seen: &mut HashSet<String>) -> String {
    (2..)
        .map(|n| format!("{id}#{n}"))
        .find(|candidate| seen.insert(candidate.clone()))
        .expect("an unused suffix always exists")
}
