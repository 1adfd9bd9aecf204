//! Walking paths and dispatching each file to the reader for its format.

use crate::article::{Article, Origin};
use crate::{html, jsonl, text, MIN_WORDS};
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read};
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

/// Articles as they are read: checked, given unique ids, and handed on in
/// batches, with every problem recorded.
struct Collector<'s> {
    out: Ingested,
    seen: HashSet<String>,
    batch_size: usize,
    sink: &'s mut dyn FnMut(Vec<Article>),
}

impl Collector<'_> {
    /// Keep an article unless it is too short, renaming a clashing id.
    fn push(&mut self, mut article: Article) {
        let words = article.word_count(MIN_WORDS);
        if words < MIN_WORDS {
            let reason = if words == 0 {
                "empty article".to_string()
            } else {
                format!("article too short ({words} words; at least {MIN_WORDS} needed)")
            };
            self.skip(&article.origin.path, article.origin.line, reason);
            return;
        }
        if !self.seen.insert(article.id.clone()) {
            let renamed = unique_id(&article.id, &mut self.seen);
            let reason = format!("duplicate id '{}' renamed to '{renamed}'", article.id);
            self.warn(&article.origin.path, article.origin.line, reason);
            article.id = renamed;
        }
        self.out.articles.push(article);
        if self.out.articles.len() >= self.batch_size {
            self.flush();
        }
    }

    fn skip(&mut self, path: &str, line: Option<usize>, reason: impl Into<String>) {
        self.out.skipped.push(Problem::new(path, line, reason));
    }

    fn warn(&mut self, path: &str, line: Option<usize>, reason: impl Into<String>) {
        self.out.warnings.push(Problem::new(path, line, reason));
    }

    fn flush(&mut self) {
        if !self.out.articles.is_empty() {
            (self.sink)(std::mem::take(&mut self.out.articles));
        }
    }

    /// The problems; every article has gone to the sink.
    fn finish(mut self) -> Ingested {
        self.flush();
        self.out
    }
}

fn unique_id(id: &str, seen: &mut HashSet<String>) -> String {
    (2..)
        .map(|n| format!("{id}#{n}"))
        .find(|candidate| seen.insert(candidate.clone()))
        .expect("an unused suffix always exists")
}

/// Read every path: files by extension, folders recursively (sorted, hidden
/// entries ignored), and `-` as JSONL on stdin.
pub fn read_paths(paths: &[PathBuf]) -> Ingested {
    collect_all(|out| read_all(paths, out))
}

/// Read like [`read_paths`], but hand the articles to `sink` in input order,
/// `batch_size` at a time, as they are read: a JSONL file is read a block
/// at a time, so a large input is never held whole. The result holds the
/// problems; its `articles` is empty.
pub fn read_paths_in_batches(
    paths: &[PathBuf],
    batch_size: usize,
    mut sink: impl FnMut(Vec<Article>),
) -> Ingested {
    let mut out = Collector {
        out: Ingested::default(),
        seen: HashSet::new(),
        batch_size: batch_size.max(1),
        sink: &mut sink,
    };
    read_all(paths, &mut out);
    out.finish()
}

/// Read JSONL articles from any reader (used for stdin and HTTP bodies).
pub fn read_reader_jsonl(name: &str, reader: impl Read) -> Ingested {
    collect_all(|out| read_jsonl(name, BufReader::new(reader), out))
}

/// Everything `read` collects, articles included.
fn collect_all(read: impl FnOnce(&mut Collector)) -> Ingested {
    let mut articles = Vec::new();
    let mut sink = |batch: Vec<Article>| articles.extend(batch);
    let mut out = Collector {
        out: Ingested::default(),
        seen: HashSet::new(),
        batch_size: usize::MAX,
        sink: &mut sink,
    };
    read(&mut out);
    let mut out = out.finish();
    out.articles = articles;
    out
}

fn read_all(paths: &[PathBuf], out: &mut Collector) {
    for path in paths {
        if path.as_os_str() == "-" {
            read_jsonl("-", std::io::stdin().lock(), out);
        } else {
            read_path(path, out);
        }
    }
}

fn read_path(path: &Path, out: &mut Collector) {
    let shown = path.display().to_string();
    match std::fs::metadata(path) {
        Err(e) => out.skip(&shown, None, format!("cannot read: {e}")),
        Ok(meta) if meta.is_dir() => read_dir(path, out),
        Ok(_) => read_file(path, out),
    }
}

fn read_dir(dir: &Path, out: &mut Collector) {
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

fn read_file(path: &Path, out: &mut Collector) {
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
            Ok(file) => read_jsonl(&shown, BufReader::new(file), out),
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

/// Bytes of JSONL parsed together: large enough to keep both cores busy,
/// small enough that memory holds one block rather than the file.
const BLOCK_BYTES: usize = 16 << 20;

/// JSONL from a reader, a block of lines at a time. The lines of a block
/// are parsed in parallel (JSON parsing dominates reading), then kept in
/// file order, so ids are checked and renamed as if read one by one.
fn read_jsonl(shown: &str, mut reader: impl BufRead, out: &mut Collector) {
    let mut block: Vec<Line> = Vec::new();
    let (mut block_bytes, mut line_no, mut lossy_lines) = (0, 0, 0usize);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => line_no += 1,
            Err(e) => {
                out.skip(shown, Some(line_no + 1), format!("cannot read: {e}"));
                break;
            }
        }
        let (text, lossy_at) = match decode(&buf) {
            Ok(text) => (text, None),
            Err((text, at)) => {
                lossy_lines += 1;
                (text, Some(at).filter(|_| lossy_lines == 1))
            }
        };
        if text.trim().is_empty() {
            continue;
        }
        block_bytes += text.len();
        block.push(Line {
            number: line_no,
            text: text.into_owned(),
            lossy_at,
        });
        if block_bytes >= BLOCK_BYTES {
            parse_block(shown, std::mem::take(&mut block), out);
            block_bytes = 0;
        }
    }
    parse_block(shown, block, out);
    if lossy_lines > 1 {
        let reason = format!(
            "{} more lines had invalid UTF-8 and were decoded the same way",
            lossy_lines - 1
        );
        out.warn(shown, None, reason);
    }
}

/// One JSONL line, with where its first invalid UTF-8 byte was when it is
/// the file's first such line (later ones are only counted).
struct Line {
    number: usize,
    text: String,
    lossy_at: Option<usize>,
}

fn parse_block(shown: &str, block: Vec<Line>, out: &mut Collector) {
    // Each line's text is dropped as soon as it is parsed, so its memory
    // is reused for the next block rather than held beside the articles.
    let parsed: Vec<(usize, Option<usize>, Result<Article, String>)> = block
        .into_par_iter()
        .map(|line| {
            let origin = Origin {
                path: shown.to_string(),
                line: Some(line.number),
            };
            let result = jsonl::parse_line(&line.text, origin);
            (line.number, line.lossy_at, result)
        })
        .collect();
    for (number, lossy_at, result) in parsed {
        if let Some(at) = lossy_at {
            out.warn(shown, Some(number), lossy_reason(at));
        }
        match result {
            Ok(article) => out.push(article),
            Err(reason) => out.skip(shown, Some(number), reason),
        }
    }
}

/// Decode UTF-8 (dropping a byte-order mark), or on invalid bytes the
/// lossy decoding and where the first bad byte was: a few replacement
/// characters rarely change which story an article tells, so the caller
/// keeps the text and warns.
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, (Cow<'_, str>, usize)> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Cow::Borrowed(s.strip_prefix('\u{feff}').unwrap_or(s))),
        Err(e) => Err((String::from_utf8_lossy(bytes), e.valid_up_to())),
    }
}

fn lossy_reason(at: usize) -> String {
    format!("invalid UTF-8 at byte {at}; decoded lossily (bad bytes became U+FFFD)")
}
