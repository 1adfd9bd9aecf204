//! Every input format, and every kind of bad input, on files the test writes.

use std::fs;
use std::path::{Path, PathBuf};
use storyline_ingest::{read_paths, read_paths_in_batches, read_paths_kept, read_reader_jsonl};

const BODY: &str = "The council of Marlow approved a new budget on Monday after a long debate.";

fn write(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, content).unwrap();
    path
}

#[test]
fn text_files_in_folders_are_read_recursively_in_order() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    write(dir.path(), "b.txt", BODY.as_bytes());
    write(&dir.path().join("sub"), "a.txt", BODY.as_bytes());
    write(dir.path(), ".hidden.txt", BODY.as_bytes());
    let got = read_paths(&[dir.path().to_path_buf()]);
    let ids: Vec<&str> = got.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["b", "a"], "sorted paths: b.txt before sub/");
    assert!(got.skipped.is_empty() && got.warnings.is_empty());
}

#[test]
fn jsonl_fields_are_read_and_extra_fields_kept() {
    let dir = tempfile::tempdir().unwrap();
    let line = format!(
        r#"{{"id":"x1","title":"Budget","text":"{BODY}","date":"2024-05-06T10:00:00Z","source":"Gazette","url":"https://g.example/x1","story":"s9"}}"#
    );
    let path = write(dir.path(), "feed.jsonl", format!("{line}\n\n").as_bytes());
    let got = read_paths(&[path]);
    let a = &got.articles[0];
    assert_eq!(
        (a.id.as_str(), a.title.as_deref(), a.date.as_deref()),
        ("x1", Some("Budget"), Some("2024-05-06"))
    );
    assert_eq!(a.source.as_deref(), Some("Gazette"));
    assert_eq!(a.extra["story"], "s9");
    assert_eq!(a.origin.line, Some(1));
}

#[test]
fn bad_jsonl_lines_are_skipped_with_file_line_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let content = format!(
        "{{\"id\":\"ok\",\"text\":\"{BODY}\"}}\n{{not json\n[1,2]\n{{\"text\":\"{BODY}\"}}\n{{\"id\":\"t\",\"text\":\"too short\"}}\n{{\"id\":\"e\",\"text\":\"\"}}\n{{\"id\":\"n\"}}\n"
    );
    let path = write(dir.path(), "feed.jsonl", content.as_bytes());
    let got = read_paths(std::slice::from_ref(&path));
    assert_eq!(got.articles.len(), 1);
    let reasons: Vec<(Option<usize>, &str)> = got
        .skipped
        .iter()
        .map(|p| (p.line, p.reason.as_str()))
        .collect();
    assert_eq!(reasons.len(), 6, "{reasons:?}");
    assert!(reasons[0].1.starts_with("malformed JSON") && reasons[0].0 == Some(2));
    assert!(reasons[1].1.contains("expected a JSON object"));
    assert_eq!(reasons[2].1, "missing field \"id\"");
    assert!(reasons[3].1.starts_with("article too short (2 words"));
    assert_eq!(reasons[4].1, "empty article");
    assert!(reasons[5].1.contains("missing field \"text\""));
    assert!(got
        .skipped
        .iter()
        .all(|p| p.path == path.display().to_string()));
    assert_eq!(
        got.skipped[0].to_string(),
        format!("{}:2: {}", path.display(), reasons[0].1)
    );
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = BODY.as_bytes().to_vec();
    bytes.extend_from_slice(b" Caf\xe9 owners agreed.");
    let path = write(dir.path(), "latin1.txt", &bytes);
    let got = read_paths(&[path]);
    assert_eq!(got.articles.len(), 1);
    assert!(got.articles[0].text.contains("Caf\u{fffd}"));
    assert_eq!(got.warnings.len(), 1);
    assert!(
        got.warnings[0].reason.contains("invalid UTF-8 at byte 78"),
        "{}",
        got.warnings[0].reason
    );
}

#[test]
fn unknown_extensions_missing_files_and_tiny_articles_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "scan.pdf", b"%PDF-1.4");
    let tiny = write(dir.path(), "tiny.txt", b"Just three words");
    let empty = write(dir.path(), "empty.txt", b"  \n ");
    let missing = dir.path().join("missing.txt");
    let got = read_paths(&[pdf, tiny, empty, missing]);
    assert!(got.articles.is_empty());
    let reasons: Vec<&str> = got.skipped.iter().map(|p| p.reason.as_str()).collect();
    assert!(reasons[0].starts_with("unknown extension 'pdf'"));
    assert!(reasons[1].starts_with("article too short (3 words"));
    assert_eq!(reasons[2], "empty article");
    assert!(reasons[3].starts_with("cannot read:"));
}

#[test]
fn duplicate_ids_are_renamed_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("x")).unwrap();
    write(dir.path(), "same.txt", BODY.as_bytes());
    write(&dir.path().join("x"), "same.txt", BODY.as_bytes());
    let got = read_paths(&[dir.path().to_path_buf()]);
    let ids: Vec<&str> = got.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["same", "same#2"]);
    assert!(got.warnings[0]
        .reason
        .contains("duplicate id 'same' renamed to 'same#2'"));
}

#[test]
fn html_pages_give_main_text_title_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let page = format!(
        "<html><head><title>Marlow budget passes | Gazette</title>\
         <meta property=\"article:published_time\" content=\"2024-05-06T08:00:00Z\"></head>\
         <body><nav><a href=\"/\">Home</a> <a href=\"/sport\">Sport</a></nav><article><h1>Marlow budget passes</h1>\
         <p>{BODY}</p><p>Councillors voted nine to four in favour of the plan, which raises spending on schools and roads.</p>\
         <p>The mayor said the new budget would protect libraries and keep the swimming pool open all year.</p></article>\
         <footer>Copyright Gazette</footer></body></html>"
    );
    let path = write(dir.path(), "budget.html", page.as_bytes());
    let got = read_paths(&[path]);
    assert!(got.skipped.is_empty(), "{:?}", got.skipped);
    let a = &got.articles[0];
    assert_eq!(a.id, "budget");
    assert_eq!(a.date.as_deref(), Some("2024-05-06"));
    assert!(a.title.as_deref().unwrap().contains("Marlow budget passes"));
    assert!(
        a.text.contains("nine to four") && !a.text.contains("Sport"),
        "{}",
        a.text
    );
}

#[test]
fn jsonl_from_a_reader_like_stdin() {
    let input = format!("{{\"id\":7,\"text\":\"{BODY}\"}}\n");
    let got = read_reader_jsonl("-", input.as_bytes());
    assert_eq!(got.articles[0].id, "7");
    assert_eq!(got.articles[0].origin.path, "-");
}

#[test]
fn batches_arrive_in_order_with_the_same_articles_and_problems() {
    let dir = tempfile::tempdir().unwrap();
    let mut jsonl = Vec::new();
    for i in 0..25 {
        let id = if i == 7 { 3 } else { i };
        jsonl.extend(format!("{{\"id\": \"n{id}\", \"text\": \"{BODY}\"}}\n").as_bytes());
    }
    jsonl.extend(b"not json\n");
    // Two lines with Latin-1 bytes: one warning names the first line, one
    // counts the rest.
    for i in 0..2 {
        jsonl.extend(format!("{{\"id\": \"l{i}\", \"text\": \"{BODY} Caf").as_bytes());
        jsonl.extend(b"\xe9 owners agreed.\"}\n");
    }
    let path = write(dir.path(), "feed.jsonl", &jsonl);
    let whole = read_paths(std::slice::from_ref(&path));
    let mut batches: Vec<Vec<String>> = Vec::new();
    let problems = read_paths_in_batches(&[path], 10, |batch| {
        batches.push(batch.into_iter().map(|a| a.id).collect())
    });
    let sizes: Vec<usize> = batches.iter().map(Vec::len).collect();
    assert_eq!(sizes, [10, 10, 7]);
    let ids: Vec<String> = whole.articles.into_iter().map(|a| a.id).collect();
    assert_eq!(batches.concat(), ids);
    assert!(ids.contains(&"n3#2".to_string()), "duplicate id renamed");
    assert!(problems.articles.is_empty());
    assert_eq!(problems.skipped, whole.skipped);
    assert_eq!(problems.skipped[0].line, Some(26));
    assert_eq!(problems.warnings, whole.warnings);
    let reasons: Vec<&str> = problems
        .warnings
        .iter()
        .map(|w| w.reason.as_str())
        .collect();
    assert_eq!(problems.warnings[1].line, Some(27));
    assert!(reasons[1].contains("invalid UTF-8"), "{reasons:?}");
    assert!(reasons[2].starts_with("1 more lines"), "{reasons:?}");
}

#[test]
fn kept_reading_reduces_each_article_and_keeps_ids_and_problems() {
    let dir = tempfile::tempdir().unwrap();
    let mut jsonl = String::new();
    for i in 0..8 {
        let id = if i == 5 { 2 } else { i };
        let words = "word ".repeat(i);
        jsonl.push_str(&format!(
            "{{\"id\": \"k{id}\", \"text\": \"{BODY} {words}\"}}\n"
        ));
    }
    jsonl.push_str("{\"id\": \"short\", \"text\": \"two words\"}\n[]\n");
    let path = write(dir.path(), "feed.jsonl", jsonl.as_bytes());
    let txt = write(dir.path(), "note.txt", BODY.as_bytes());
    let paths = [path, txt];
    let whole = read_paths(&paths);
    let mut kept = Vec::new();
    let read = read_paths_kept(
        &paths,
        3,
        |a| a.text.split_whitespace().count(),
        |batch| {
            assert!(batch.len() <= 3);
            kept.extend(batch);
        },
    );
    let expected: Vec<(String, usize)> = whole
        .articles
        .iter()
        .map(|a| (a.id.clone(), a.text.split_whitespace().count()))
        .collect();
    assert_eq!(kept, expected);
    assert_eq!(kept[5], ("k2#2".to_string(), 14 + 5));
    assert_eq!(kept.last().unwrap().0, "note");
    assert!(read.articles.is_empty());
    assert_eq!((read.skipped.len(), read.warnings.len()), (2, 1));
    assert_eq!(
        (read.skipped, read.warnings),
        (whole.skipped, whole.warnings)
    );
}
