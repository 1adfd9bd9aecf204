//! The real `storyline` binary, run as a user would, on the project's own articles.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn newsroom() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsroom")
}

fn storyline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_storyline"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn cluster_json_has_stories_pairs_and_skipped() {
    let report = json(&storyline(&[
        "cluster",
        path(&newsroom()),
        "--format",
        "json",
    ]));
    let stories = report["stories"].as_array().unwrap();
    let bridge = stories
        .iter()
        .find(|s| {
            s["articles"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == "bridge-spun")
        })
        .unwrap();
    assert_eq!(bridge["articles"].as_array().unwrap().len(), 3);
    assert_eq!(bridge["original"], "bridge-wire");
    let pair = report["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["a"] == "bridge-spun" && p["b"] == "bridge-wire")
        .unwrap();
    assert_eq!(pair["relation"], "rewrite");
    let score = pair["score"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&score));
    assert_eq!(report["skipped"].as_array().unwrap().len(), 0);
}

#[test]
fn text_table_names_stories_and_originals() {
    let out = storyline(&["cluster", path(&newsroom())]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("6 stories with 2+ articles, 5 articles alone"),
        "{text}"
    );
    assert!(text.contains("- bridge-wire  (likely original)"));
}

#[test]
fn bad_inputs_are_reported_and_the_run_continues() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        newsroom().join("rates-wire.txt"),
        dir.path().join("rates-wire.txt"),
    )
    .unwrap();
    std::fs::copy(
        newsroom().join("rates-syndicated.txt"),
        dir.path().join("rates-syndicated.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.docx"), "binary").unwrap();
    std::fs::write(
        dir.path().join("feed.jsonl"),
        "{\"id\": \"a\"\n{\"id\":\"b\",\"text\":\"short\"}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("latin.txt"),
        b"The mayor of Marlow opened the caf\xe9 on the square on Monday morning.",
    )
    .unwrap();
    let out = storyline(&["cluster", path(dir.path()), "--format", "json"]);
    let report = json(&out);
    let skipped = report["skipped"].as_array().unwrap();
    let reasons: Vec<(&str, Option<u64>, &str)> = skipped
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap(),
                s["line"].as_u64(),
                s["reason"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert!(
        reasons[0].0.ends_with("feed.jsonl")
            && reasons[0].1 == Some(1)
            && reasons[0].2.starts_with("malformed JSON")
    );
    assert!(reasons[1].1 == Some(2) && reasons[1].2.starts_with("article too short"));
    assert!(reasons[2].0.ends_with("notes.docx") && reasons[2].2.starts_with("unknown extension"));
    assert!(report["warnings"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("decoded lossily"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("feed.jsonl:1: malformed JSON"), "{stderr}");
    assert_eq!(report["pairs"][0]["relation"], "exact");
}

#[test]
fn nothing_usable_fails_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let out = storyline(&["cluster", path(dir.path())]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("empty.txt: empty article"), "{stderr}");
    assert!(stderr.contains("no usable articles"), "{stderr}");
}

#[test]
fn out_dir_gets_json_jsonl_csv_and_a_self_contained_report() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let out = storyline(&["cluster", path(&newsroom()), "--out", path(&out_dir)]);
    assert!(out.status.success());
    let stories: Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("stories.json")).unwrap())
            .unwrap();
    assert_eq!(stories["stories"].as_array().unwrap().len(), 11);
    let pairs = std::fs::read_to_string(out_dir.join("pairs.jsonl")).unwrap();
    let pairs: Vec<Value> = pairs
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(pairs.len(), stories["pairs"].as_array().unwrap().len());
    let csv = std::fs::read_to_string(out_dir.join("articles.csv")).unwrap();
    assert!(csv.starts_with("id,story,is_original,title,date"));
    assert_eq!(
        csv.lines().count(),
        1 + 24,
        "header and one row per article"
    );
    let html = std::fs::read_to_string(out_dir.join("report.html")).unwrap();
    assert!(html.contains("<details id=\"pair-") && html.contains("class=\"paraphrase\""));
    assert!(html.contains("[FAQ] Q: When did the Harbour Bridge reopen?"));
    assert!(
        !html.contains("<script") && !html.contains("http://") && !html.contains("src="),
        "self-contained"
    );
}

#[test]
fn spilling_to_a_temporary_file_changes_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let outputs: Vec<Vec<String>> = ["never", "always"]
        .iter()
        .map(|spill| {
            let (input, out_dir) = (newsroom(), dir.path().join(spill));
            let args = ["cluster", path(&input), "--spill", spill];
            let out = storyline(&[&args[..], &["--out", path(&out_dir)]].concat());
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            ["stories.json", "pairs.jsonl", "articles.csv", "report.html"]
                .iter()
                .map(|f| std::fs::read_to_string(out_dir.join(f)).unwrap())
                .collect()
        })
        .collect();
    assert!(outputs[0][1].lines().count() > 5, "pairs were labelled");
    assert_eq!(outputs[0], outputs[1]);
}

#[test]
fn compare_files_shows_alignment_additions_and_boilerplate() {
    let (a, b) = (
        newsroom().join("bridge-copy.txt"),
        newsroom().join("bridge-spun.txt"),
    );
    let e = json(&storyline(&[
        "compare",
        path(&a),
        path(&b),
        "--format",
        "json",
    ]));
    assert_eq!(e["relation"], "rewrite");
    let kinds = |side: &str, list: &str| -> Vec<String> {
        e[side][list]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["kind"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(kinds("b", "additions").contains(&"faq".to_string()));
    assert!(kinds("b", "additions").contains(&"date-line".to_string()));
    assert!(kinds("b", "additions").contains(&"sources".to_string()));
    assert!(kinds("a", "boilerplate").contains(&"photo-credit".to_string()));
    assert!(e["rows"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["type"] == "match" && r["kind"] == "paraphrase"));
    let text = String::from_utf8(storyline(&["compare", path(&a), path(&b)]).stdout).unwrap();
    assert!(text.starts_with("rewrite ("), "{text}");
    assert!(
        text.contains("additions in B:")
            && text.contains("[photo credit] © Coastline Images/Tomas Brell")
    );
    assert!(!text.contains('\x1b'), "no colour when not a terminal");
}

#[test]
fn compare_ids_inside_a_corpus() {
    let e = json(&storyline(&[
        "compare",
        "--corpus",
        path(&newsroom()),
        "museum-wire",
        "museum-portal",
        "--format",
        "json",
    ]));
    assert_eq!(e["relation"], "near-copy");
    let missing = storyline(&[
        "compare",
        "--corpus",
        path(&newsroom()),
        "museum-wire",
        "nope",
    ]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no article with id 'nope'"));
}

#[test]
fn stdin_jsonl_is_read() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_storyline"))
        .args(["cluster", "-", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let text = std::fs::read_to_string(newsroom().join("rates-wire.txt")).unwrap();
    let lines = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "one", "text": text}),
        serde_json::json!({"id": "two", "text": text})
    );
    child
        .stdin
        .take()
        .unwrap()
        .write_all(lines.as_bytes())
        .unwrap();
    let report = json(&child.wait_with_output().unwrap());
    assert_eq!(
        report["stories"][0]["articles"],
        serde_json::json!(["one", "two"])
    );
}

/// A small gold corpus built from the newsroom examples.
fn gold_corpus(dir: &Path) -> PathBuf {
    let mut lines = String::new();
    for entry in std::fs::read_dir(newsroom()).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "txt") {
            let stem = p.file_stem().unwrap().to_str().unwrap().to_string();
            let story = stem.split('-').next().unwrap().to_string();
            let text = std::fs::read_to_string(&p).unwrap();
            lines.push_str(
                &serde_json::json!({"id": stem, "text": text, "story": story, "split": "dev"})
                    .to_string(),
            );
            lines.push('\n');
        }
    }
    let path = dir.join("gold.jsonl");
    std::fs::write(&path, lines).unwrap();
    path
}

#[test]
fn eval_corpus_reports_bcubed_ari_and_mistakes() {
    let dir = tempfile::tempdir().unwrap();
    let gold = gold_corpus(dir.path());
    let r = json(&storyline(&[
        "eval",
        "--corpus",
        path(&gold),
        "--format",
        "json",
    ]));
    assert!(r["bcubed"]["f1"].as_f64().unwrap() > 0.9, "{r}");
    assert!(r["ari"].as_f64().is_some() && r["pairwise"]["precision"].as_f64().is_some());
    assert!(r["worst_merges"].is_array() && r["worst_splits"].is_array());
    let empty = storyline(&["eval", "--corpus", path(&gold), "--split", "test"]);
    assert!(!empty.status.success(), "no article is in split test");
    let bad = storyline(&[
        "eval",
        "--corpus",
        path(&gold),
        "--set",
        "story_threshold=x",
    ]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a number"));
}

#[test]
fn eval_pairs_correlates_scores_with_gold_per_language() {
    let dir = tempfile::tempdir().unwrap();
    let read = |n: &str| std::fs::read_to_string(newsroom().join(n)).unwrap();
    let rows = [
        ("bridge-wire.txt", "bridge-copy.txt", 1.0),
        ("bridge-wire.txt", "bridge-spun.txt", 1.5),
        ("dunmore-fire-wire.txt", "dunmore-fire-report.txt", 2.0),
        ("dunmore-fire-wire.txt", "lisk-warehouse-fire.txt", 3.5),
        ("chess-open.txt", "rail-strike.txt", 4.0),
    ];
    let mut lines = String::new();
    for (i, (a, b, gold)) in rows.iter().enumerate() {
        let row = serde_json::json!({"id": i, "lang1": "en", "lang2": "en", "text1": read(a), "text2": read(b), "overall": gold});
        lines.push_str(&format!("{row}\n"));
    }
    lines.push_str("{\"text1\": \"only one side\"}\n");
    let file = dir.path().join("pairs.jsonl");
    std::fs::write(&file, lines).unwrap();
    let r = json(&storyline(&[
        "eval",
        "--pairs",
        path(&file),
        "--gold",
        "overall",
        "--invert",
        "--format",
        "json",
    ]));
    assert_eq!(r["pairs"], 5);
    assert_eq!(r["skipped"], 1);
    assert!(r["pearson"].as_f64().unwrap() > 0.8, "{r}");
    assert!((r["spearman"].as_f64().unwrap() - 1.0).abs() < 1e-9, "{r}");
    assert_eq!(r["by_language"]["en-en"]["pairs"], 5);
}

#[test]
fn eval_paraphrases_scores_the_sentence_decision() {
    let dir = tempfile::tempdir().unwrap();
    let rows = [
        (
            "The mayor opened the new library on Saturday.",
            "On Saturday the mayor opened the new library.",
            1,
            "test",
        ),
        (
            "Floods closed the coastal road near Marlow.",
            "The coastal road near Marlow was closed by floods.",
            1,
            "test",
        ),
        (
            "The chess final ended in a draw.",
            "Heavy rain is expected in the north tomorrow.",
            0,
            "test",
        ),
        (
            "Shares of the airline fell sharply on Monday.",
            "The museum will stay closed until June.",
            0,
            "test",
        ),
        (
            "This row belongs to another split entirely.",
            "It must not be counted at all here.",
            1,
            "train",
        ),
    ];
    let mut lines: String = rows
        .iter()
        .map(|(s1, s2, label, split)| {
            format!(
                "{}\n",
                serde_json::json!({"s1": s1, "s2": s2, "label": label, "split": split})
            )
        })
        .collect();
    lines.push_str("[\"not an object\"]\n");
    let file = dir.path().join("sentences.jsonl");
    std::fs::write(&file, lines).unwrap();
    let r = json(&storyline(&[
        "eval",
        "--paraphrases",
        path(&file),
        "--split",
        "test",
        "--format",
        "json",
    ]));
    assert_eq!(r["pairs"], 4);
    assert_eq!(r["skipped"], 1);
    assert_eq!(r["accuracy"], 1.0, "{r}");
    assert_eq!(r["f1"], 1.0);
}

#[test]
fn dedup_lists_the_newsroom_copies_and_nothing_else() {
    let out = storyline(&["dedup", path(&newsroom())]);
    assert!(out.status.success());
    let pairs: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let found: Vec<(String, String, String)> = pairs
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap().to_string();
            (s("a"), s("b"), s("relation"))
        })
        .collect();
    // Exactly the four copy pairs `cluster` finds (the syndicated rate story
    // differs from the wire only in scraped debris, which dedup does not clean).
    let mut ids: Vec<(String, String)> = found
        .iter()
        .map(|(a, b, _)| (a.clone(), b.clone()))
        .collect();
    ids.sort();
    let expected = [
        ("bridge-copy", "bridge-wire"),
        ("cup-final-copy", "cup-final-sport"),
        ("museum-wire", "museum-portal"),
        ("rates-syndicated", "rates-wire"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(ids, expected);
    assert!(found.iter().all(|(_, _, r)| r == "near-copy"), "{found:?}");
    let summary = String::from_utf8(out.stderr).unwrap();
    assert!(summary.contains("near-copy pairs"), "{summary}");

    let bad = storyline(&["dedup", path(&newsroom()), "--threshold", "1.5"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8(bad.stderr)
        .unwrap()
        .contains("--threshold must be in (0, 1]"));
}

#[test]
fn bench_gen_writes_a_corpus_and_its_gold_from_either_name_supply() {
    let dir = tempfile::tempdir().unwrap();
    let mut corpora = Vec::new();
    for names in ["open", "closed"] {
        let out_dir = dir.path().join(names);
        let out = storyline(&[
            "bench",
            "gen",
            "--articles",
            "120",
            "--names",
            names,
            "--out",
            path(&out_dir),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let corpus = std::fs::read_to_string(out_dir.join("corpus.jsonl")).unwrap();
        let gold = std::fs::read_to_string(out_dir.join("gold.jsonl")).unwrap();
        assert_eq!(corpus.lines().count(), 120);
        assert_eq!(gold.lines().count(), 120);
        let first: Value = serde_json::from_str(corpus.lines().next().unwrap()).unwrap();
        assert!(first["text"].as_str().unwrap().split_whitespace().count() > 200);
        corpora.push(corpus);
    }
    // Same seed and templates, other names: the two supplies differ.
    assert_ne!(corpora[0], corpora[1]);

    let bad = storyline(&[
        "bench",
        "gen",
        "--names",
        "plenty",
        "--out",
        path(dir.path()),
    ]);
    assert!(!bad.status.success());
    let message = String::from_utf8(bad.stderr).unwrap();
    assert!(
        message.contains("--names") && message.contains("closed"),
        "{message}"
    );
}

#[test]
fn a_model_folder_changes_scores_and_a_broken_one_is_named() {
    let model = tempfile::tempdir().unwrap();
    storyline_embed::tiny::write(model.path()).unwrap();
    let articles = newsroom();
    let run = |extra: &[&str]| {
        let mut args = vec!["cluster", path(&articles), "--format", "json"];
        args.extend(extra);
        json(&storyline(&args))
    };
    let (plain, blended) = (run(&[]), run(&["--model", path(model.path())]));
    let members = |r: &Value| -> usize {
        r["stories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["articles"].as_array().unwrap().len())
            .sum()
    };
    assert_eq!(members(&plain), members(&blended));
    let score = |r: &Value, a: &str, b: &str| {
        r["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["a"] == a && p["b"] == b)
            .map(|p| p["score"].as_f64().unwrap())
    };
    let before = score(&plain, "bridge-spun", "bridge-wire").unwrap();
    let after = score(&blended, "bridge-spun", "bridge-wire").unwrap();
    assert_ne!(before, after, "the embeddings are blended in");
    let (wire, spun) = (
        articles.join("bridge-wire.txt"),
        articles.join("bridge-spun.txt"),
    );
    let compared = |extra: &[&str]| {
        let mut args = vec!["compare", path(&wire), path(&spun), "--format", "json"];
        args.extend(extra);
        json(&storyline(&args))["score"].as_f64().unwrap()
    };
    assert_ne!(compared(&[]), compared(&["--model", path(model.path())]));

    let empty = tempfile::tempdir().unwrap();
    let out = storyline(&["cluster", path(&articles), "--model", path(empty.path())]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("config.json"));

    // Where the model cannot take part, asking for it is an error, not ignored.
    let gold = gold_corpus(empty.path());
    let index = empty.path().join("index");
    let m = path(model.path());
    for args in [
        vec![
            "eval",
            "--corpus",
            path(&gold),
            "--index",
            path(&index),
            "--model",
            m,
        ],
        vec!["eval", "--paraphrases", path(&gold), "--model", m],
    ] {
        let out = storyline(&args);
        assert!(!out.status.success(), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("does not apply"));
    }
}

#[test]
fn embed_prints_one_unit_vector_per_article_read_by_the_model() {
    let model = tempfile::tempdir().unwrap();
    storyline_embed::tiny::write(model.path()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    let bridge = "The river rose and floods closed the bridge on Friday, the council said.";
    let lines = [
        serde_json::json!({"id": "a", "text": bridge}),
        serde_json::json!({"id": "b", "text": bridge}),
        serde_json::json!({"id": "c", "text": "The chess final ended in a draw after six long hours of play."}),
        serde_json::json!({"id": "d", "text": "Die Brücke wurde am Freitag wegen Hochwasser gesperrt, sagte der Rat."}),
    ];
    std::fs::write(&feed, lines.map(|l| l.to_string()).join("\n")).unwrap();
    let out = storyline(&["embed", path(&feed), "--model", path(model.path())]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "b", "c", "d"]);
    let vector = |i: usize| -> Vec<f64> {
        let values = rows[i]["embedding"].as_array().unwrap();
        values.iter().map(|v| v.as_f64().unwrap()).collect()
    };
    assert_eq!(vector(0).len(), storyline_embed::tiny::HIDDEN);
    assert!((vector(0).iter().map(|v| v * v).sum::<f64>() - 1.0).abs() < 1e-4);
    assert_eq!(vector(0), vector(1), "one text, one embedding");
    assert_ne!(vector(0), vector(2));
    assert_eq!(rows[3]["language"], "de");
    assert!(vector(3).is_empty(), "German is compared by words alone");
    let without = storyline(&["embed", path(&feed)]);
    assert!(!without.status.success());
    assert!(String::from_utf8_lossy(&without.stderr).contains("--model"));
}

#[test]
fn compare_says_when_the_leads_name_different_weekdays() {
    let dir = tempfile::tempdir().unwrap();
    let report = |day: &str| {
        format!(
            "Dockers at the port of Selmar walked out on {day} over a new shift rota. \
             The union said four hundred workers joined the strike. Two ferries were held \
             at the quay until the evening."
        )
    };
    let write = |name: &str, day: &str| {
        let file = dir.path().join(name);
        std::fs::write(&file, report(day)).unwrap();
        file
    };
    let (monday, thursday) = (write("a.txt", "Monday"), write("b.txt", "Thursday"));
    let also_monday = write("c.txt", "Monday");
    let evidence = |x: &Path, y: &Path| {
        json(&storyline(&[
            "compare",
            path(x),
            path(y),
            "--format",
            "json",
        ]))["evidence"]
            .clone()
    };
    assert_eq!(evidence(&monday, &thursday)["weekdays_differ"], true);
    assert_eq!(evidence(&monday, &also_monday)["weekdays_differ"], false);
    let text = storyline(&["compare", path(&monday), path(&thursday)]).stdout;
    let text = String::from_utf8(text).unwrap();
    assert!(text.contains("leads name different weekdays"), "{text}");
}
