//! Walking paths and dispatching each file to the reader for its format.

use crate::article::{Article, Origin};
use crate::collect::{Collector, Kept};
use crate::{html, jsonl, text};
use serde::Serialize;
use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Something about one input that the user should hear about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file (or `-` for stdin).
    pub path: String,
    /// The 1-based line, for JSONL input.
    pub line: Option<usize>,
    /// What went wrong, in words.
    pub reason: String,
}

impl Problem {
    pub(crate) fn new(path: &str, line: Option<usize>, reason: impl Into<String>) -> Self {
        Problem {
            path: path.to_string(),
            line,
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.reason),
            None => write!(f, "{}: {}", self.path, self.reason),
        }
    }
}

/// Everything read from a set of inputs.
#[derive(Debug, Default)]
pub struct Ingested {
    /// Usable articles, in input order.
    pub articles: Vec<Article>,
    /// Inputs that were not used, and why.
    pub skipped: Vec<Problem>,
    /// Inputs that were used with a caveat.
    pub warnings: Vec<Problem>,
}

/// Read every path: files by extension, folders recursively (sorted, hidden
/// entries ignored), and `-` as JSONL on stdin.
pub fn read_paths(paths: &[PathBuf]) -> Ingested {
    collect_all(|out| read_all(paths, out))
}

/// Read like [`read_paths`], but hand the articles to `sink` in input order,
/// `batch_size` at a time, as they are read: a JSONL file is parsed a
/// block at a time (mapped into memory, each block's pages given back once
/// parsed), so a large input is never held whole. The result holds the
/// problems; its `articles` is empty.
pub fn read_paths_in_batches(
    paths: &[PathBuf],
    batch_size: usize,
    mut sink: impl FnMut(Vec<Article>),
) -> Ingested {
    let mut out = Collector::new(batch_size, &|article| article, &mut sink);
    read_all(paths, &mut out);
    out.finish()
}

/// Read like [`read_paths_in_batches`], but reduce each article to what the
/// caller needs of it with `keep`, on the thread that parsed it, as soon as
/// it is parsed: the texts are let go at once instead of waiting in a
/// batch, and (for JSONL) reducing shares the parallel pass that parses.
/// `sink` gets each article's unique id beside what `keep` made of it.
///
/// ```
/// let dir = std::env::temp_dir().join("storyline-ingest-doc-kept");
/// std::fs::create_dir_all(&dir).unwrap();
/// let feed = dir.join("feed.jsonl");
/// std::fs::write(&feed, "{\"id\":\"a\",\"text\":\"Floods closed the Marlow bridge today.\"}\n").unwrap();
/// let mut lengths = Vec::new();
/// let read = storyline_ingest::read_paths_kept(&[feed], 100, |a| a.text.len(), |batch| lengths.extend(batch));
/// assert_eq!(lengths, [("a".to_string(), 38)]);
/// assert!(read.skipped.is_empty());
/// ```
pub fn read_paths_kept<T: Send>(
    paths: &[PathBuf],
    batch_size: usize,
    keep: impl Fn(&Article) -> T + Sync,
    mut sink: impl FnMut(Vec<(String, T)>),
) -> Ingested {
    let keep = |article: Article| {
        let kept = keep(&article);
        (article.id, kept)
    };
    let mut out = Collector::new(batch_size, &keep, &mut sink);
    read_all(paths, &mut out);
    out.finish()
}

/// Read JSONL articles from any reader: a pipe, a socket, bytes in memory.
pub fn read_reader_jsonl(name: &str, reader: impl Read) -> Ingested {
    collect_all(|out| jsonl::read(name, reader, out))
}

/// Everything `read` collects, articles included.
fn collect_all(read: impl FnOnce(&mut Collector<Article>)) -> Ingested {
    let mut articles = Vec::new();
    let mut sink = |batch: Vec<Article>| articles.extend(batch);
    let mut out = Collector::new(usize::MAX, &|article| article, &mut sink);
    read(&mut out);
    let mut out = out.finish();
    out.articles = articles;
    out
}

fn read_all<T: Kept>(paths: &[PathBuf], out: &mut Collector<T>) {
    for path in paths {
        if path.as_os_str() == "-" {
            jsonl::read("-", std::io::stdin().lock(), out);
        } else {
            read_path(path, out);
        }
    }
}

fn read_path<T: Kept>(path: &Path, out: &mut Collector<T>) {
    let shown = path.display().to_string();
    match std::fs::metadata(path) {
        Err(e) => out.skip(&shown, None, format!("cannot read: {e}")),
        Ok(meta) if meta.is_dir() => read_dir(path, out),
        Ok(_) => read_file(path, out),
    }
}

fn read_dir<T: Kept>(dir: &Path, out: &mut Collector<T>) {
    let shown = dir.display().to_string();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.skip(&shown, None, format!("cannot list folder: {e}"));
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    children.sort();
    for child in children {
        read_path(&child, out);
    }
}

/// The formats storyline reads, chosen by file extension.
#[derive(Clone, Copy)]
enum Format {
    Text,
    Jsonl,
    Html,
}

fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" | "md" => Some(Format::Text),
        "jsonl" | "ndjson" | "json" => Some(Format::Jsonl),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        _ => None,
    }
}

fn read_file<T: Kept>(path: &Path, out: &mut Collector<T>) {
    let shown = path.display().to_string();
    let Some(format) = format_of(path) else {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let reason = format!(
            "unknown extension '{ext}' (expected .txt, .md, .jsonl, .ndjson, .json, .html or .htm)"
        );
        out.skip(&shown, None, reason);
        return;
    };
    if let Format::Jsonl = format {
        match std::fs::File::open(path) {
            Ok(file) => jsonl::read_file(&shown, file, out),
            Err(e) => out.skip(&shown, None, format!("cannot read: {e}")),
        }
        return;
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            out.skip(&shown, None, format!("cannot read: {e}"));
            return;
        }
    };
    let content = decode(&bytes).unwrap_or_else(|(text, at)| {
        out.warn(&shown, None, lossy_reason(at));
        text
    });
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("article")
        .to_string();
    let origin = Origin {
        path: shown.clone(),
        line: None,
    };
    let parsed = match format {
        Format::Html => html::parse(&stem, &content, origin),
        _ => Ok(text::parse(&stem, &content, origin)),
    };
    match parsed {
        Ok(article) => out.push(article),
        Err(reason) => out.skip(&shown, None, reason),
    }
}

/// Decode UTF-8 (dropping a byte-order mark), or on invalid bytes the
/// lossy decoding and where the first bad byte was: a few replacement
/// characters rarely change which story an article tells, so the caller
/// keeps the text and warns.
pub(crate) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, (Cow<'_, str>, usize)> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Cow::Borrowed(s.strip_prefix('\u{feff}').unwrap_or(s))),
        Err(e) => Err((String::from_utf8_lossy(bytes), e.valid_up_to())),
    }
}

pub(crate) fn lossy_reason(at: usize) -> String {
    format!("invalid UTF-8 at byte {at}; decoded lossily (bad bytes became U+FFFD)")
}
