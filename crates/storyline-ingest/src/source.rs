//! Walking paths and dispatching each file to the reader for its format.

use crate::article::{Article, Origin};
use crate::{html, jsonl, text, MIN_WORDS};
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashSet;
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

impl Ingested {
    /// Keep an article unless it is too short, renaming a clashing id.
    fn push(&mut self, mut article: Article, seen: &mut HashSet<String>) {
        let words = article.word_count(MIN_WORDS);
        if words < MIN_WORDS {
            let reason = if words == 0 {
                "empty article".to_string()
            } else {
                format!("article too short ({words} words; at least {MIN_WORDS} needed)")
            };
            self.skipped.push(Problem::new(
                &article.origin.path,
                article.origin.line,
                reason,
            ));
            return;
        }
        if !seen.insert(article.id.clone()) {
            let renamed = unique_id(&article.id, seen);
            let reason = format!("duplicate id '{}' renamed to '{renamed}'", article.id);
            self.warnings.push(Problem::new(
                &article.origin.path,
                article.origin.line,
                reason,
            ));
            article.id = renamed;
        }
        self.articles.push(article);
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
    let mut out = Ingested::default();
    let mut seen = HashSet::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let mut buf = Vec::new();
            match std::io::stdin().lock().read_to_end(&mut buf) {
                Ok(_) => read_bytes_jsonl("-", &buf, &mut out, &mut seen),
                Err(e) => {
                    out.skipped
                        .push(Problem::new("-", None, format!("cannot read stdin: {e}")))
                }
            }
        } else {
            read_path(path, &mut out, &mut seen);
        }
    }
    out
}

/// Read JSONL articles from any reader (used for stdin and HTTP bodies).
pub fn read_reader_jsonl(name: &str, mut reader: impl Read) -> Ingested {
    let mut out = Ingested::default();
    let mut buf = Vec::new();
    match reader.read_to_end(&mut buf) {
        Ok(_) => read_bytes_jsonl(name, &buf, &mut out, &mut HashSet::new()),
        Err(e) => out
            .skipped
            .push(Problem::new(name, None, format!("cannot read: {e}"))),
    }
    out
}

fn read_path(path: &Path, out: &mut Ingested, seen: &mut HashSet<String>) {
    let shown = path.display().to_string();
    match std::fs::metadata(path) {
        Err(e) => out
            .skipped
            .push(Problem::new(&shown, None, format!("cannot read: {e}"))),
        Ok(meta) if meta.is_dir() => read_dir(path, out, seen),
        Ok(_) => read_file(path, out, seen),
    }
}

fn read_dir(dir: &Path, out: &mut Ingested, seen: &mut HashSet<String>) {
    let shown = dir.display().to_string();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.skipped.push(Problem::new(
                &shown,
                None,
                format!("cannot list folder: {e}"),
            ));
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
        read_path(&child, out, seen);
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

fn read_file(path: &Path, out: &mut Ingested, seen: &mut HashSet<String>) {
    let shown = path.display().to_string();
    let Some(format) = format_of(path) else {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let reason = format!(
            "unknown extension '{ext}' (expected .txt, .md, .jsonl, .ndjson, .json, .html or .htm)"
        );
        out.skipped.push(Problem::new(&shown, None, reason));
        return;
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            out.skipped
                .push(Problem::new(&shown, None, format!("cannot read: {e}")));
            return;
        }
    };
    match format {
        Format::Jsonl => read_bytes_jsonl(&shown, &bytes, out, seen),
        Format::Text | Format::Html => {
            let content = decode(&shown, &bytes, out);
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
                Ok(article) => out.push(article, seen),
                Err(reason) => out.skipped.push(Problem::new(&shown, None, reason)),
            }
        }
    }
}

/// Lines are parsed in parallel (JSON parsing dominates reading), then
/// kept in file order, so ids are checked and renamed as if read one by one.
fn read_bytes_jsonl(shown: &str, bytes: &[u8], out: &mut Ingested, seen: &mut HashSet<String>) {
    let content = decode(shown, bytes, out);
    let lines: Vec<(usize, &str)> = content
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| (index + 1, line))
        .collect();
    let parsed: Vec<(usize, Result<Article, String>)> = lines
        .into_par_iter()
        .map(|(line_no, line)| {
            let origin = Origin {
                path: shown.to_string(),
                line: Some(line_no),
            };
            (line_no, jsonl::parse_line(line, origin))
        })
        .collect();
    for (line_no, result) in parsed {
        match result {
            Ok(article) => out.push(article, seen),
            Err(reason) => out.skipped.push(Problem::new(shown, Some(line_no), reason)),
        }
    }
}

/// Decode UTF-8, falling back to a lossy decode that is reported as a warning:
/// a few replacement characters rarely change which story an article tells.
/// The bytes as text, borrowed unless invalid UTF-8 had to be replaced (a
/// large JSONL file is not copied).
fn decode<'a>(shown: &str, bytes: &'a [u8], out: &mut Ingested) -> Cow<'a, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s.strip_prefix('\u{feff}').unwrap_or(s)),
        Err(e) => {
            let reason = format!(
                "invalid UTF-8 at byte {}; decoded lossily (bad bytes became U+FFFD)",
                e.valid_up_to()
            );
            out.warnings.push(Problem::new(shown, None, reason));
            Cow::Owned(String::from_utf8_lossy(bytes).into_owned())
        }
    }
}
