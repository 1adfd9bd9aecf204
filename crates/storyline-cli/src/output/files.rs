//! `cluster --out DIR`: stories.json, pairs.jsonl, articles.csv, report.html.

use super::report::Report;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;
use storyline_engine::{Corpus, Stories};

/// Write every output file into `dir`, creating it if needed.
pub fn write_all(
    dir: &Path,
    corpus: &Corpus,
    result: &Stories,
    report: &Report,
    html: &str,
) -> Result<(), String> {
    let fail =
        |what: &str, e: std::io::Error| format!("cannot write {}: {e}", dir.join(what).display());
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    // Streamed to the files: at a million articles these texts run to
    // hundreds of megabytes, which should not sit in memory as well.
    write_with(&dir.join("stories.json"), |out| {
        serde_json::to_writer_pretty(&mut *out, report).map_err(std::io::Error::from)?;
        writeln!(out)
    })
    .map_err(|e| fail("stories.json", e))?;
    write_with(&dir.join("pairs.jsonl"), |out| {
        for pair in &report.pairs {
            serde_json::to_writer(&mut *out, pair).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        Ok(())
    })
    .map_err(|e| fail("pairs.jsonl", e))?;
    fs::write(dir.join("articles.csv"), articles_csv(corpus, result))
        .map_err(|e| fail("articles.csv", e))?;
    fs::write(dir.join("report.html"), html).map_err(|e| fail("report.html", e))?;
    Ok(())
}

/// Create `path` and write it through a buffer.
fn write_with(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut out = BufWriter::new(fs::File::create(path)?);
    write(&mut out)?;
    out.flush()
}

fn articles_csv(corpus: &Corpus, result: &Stories) -> String {
    let mut out = String::from("id,story,is_original,title,date,source,url,lang,words,path,line\n");
    let mut rows: Vec<(usize, String)> = Vec::new();
    for story in &result.stories {
        for &a in &story.articles {
            let doc = &corpus.summaries[a];
            let fields = [
                doc.id.clone(),
                story.id.clone(),
                (story.original == Some(a)).to_string(),
                doc.title.clone().unwrap_or_default(),
                doc.date.clone().unwrap_or_default(),
                doc.source.clone().unwrap_or_default(),
                doc.url.clone().unwrap_or_default(),
                doc.lang.to_string(),
                doc.facts.words.to_string(),
                doc.origin.path.clone(),
                doc.origin.line.map(|l| l.to_string()).unwrap_or_default(),
            ];
            rows.push((
                a,
                fields
                    .iter()
                    .map(|f| csv_field(f))
                    .collect::<Vec<_>>()
                    .join(","),
            ));
        }
    }
    rows.sort_by_key(|(a, _)| *a);
    for (_, row) in rows {
        out.push_str(&row);
        out.push('\n');
    }
    out
}

/// Quote a CSV field when it holds a comma, quote or line break (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
