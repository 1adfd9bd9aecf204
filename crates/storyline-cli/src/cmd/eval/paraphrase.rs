//! `eval --paraphrases`: the alignment's sentence-level decision (do two
//! sentences say the same thing?) against a gold 0/1 label, as in MSRP.

use super::{pair_scores, read_rows, Args};
use crate::cmd::Format;
use serde::Serialize;
use serde_json::Value;
use std::path::Path;

#[derive(Serialize)]
struct ParaphraseReport {
    file: String,
    split: Vec<String>,
    pairs: usize,
    skipped: usize,
    accuracy: f64,
    precision: f64,
    recall: f64,
    f1: f64,
}

pub(super) fn run(path: &Path, args: &Args) -> Result<(), String> {
    if args.model.model.is_some() {
        return Err(
            "--model does not apply to --paraphrases: the alignment's decision reads words only"
                .into(),
        );
    }
    let shown = path.display().to_string();
    let (lines, mut skipped) = read_rows(path, &args.split)?;
    let (mut gold, mut texts) = (Vec::new(), Vec::new());
    for (line, v) in lines {
        let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        match (
            text("s1"),
            text("s2"),
            v.get("label").and_then(Value::as_i64),
        ) {
            (Some(s1), Some(s2), Some(label)) => {
                gold.push(label == 1);
                texts.push((line, s1, s2));
            }
            _ => {
                eprintln!("skipped: {shown}:{line}: needs string fields \"s1\", \"s2\" and a 0/1 \"label\"");
                skipped += 1;
            }
        }
    }
    if gold.is_empty() {
        return Err(format!("no usable sentence pairs in {shown}"));
    }
    // Two sentences say the same thing when the alignment links them.
    let predicted = pair_scores(&shown, texts, &args.tuning()?, None, |pair| {
        pair.evidence.links > 0
    });
    let count = |p: bool, g: bool| {
        predicted
            .iter()
            .zip(&gold)
            .filter(|(x, y)| **x == p && **y == g)
            .count() as f64
    };
    let (tp, fp, fneg, tn) = (
        count(true, true),
        count(true, false),
        count(false, true),
        count(false, false),
    );
    let precision = tp / (tp + fp).max(1.0);
    let recall = tp / (tp + fneg).max(1.0);
    let report = ParaphraseReport {
        file: shown,
        split: args.split.clone(),
        pairs: gold.len(),
        skipped,
        accuracy: (tp + tn) / gold.len() as f64,
        precision,
        recall,
        f1: if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        },
    };
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report).expect("serialises")
        ),
        Format::Text => println!(
            "{} sentence pairs: accuracy {:.4}  precision {:.4}  recall {:.4}  F1 {:.4}",
            report.pairs, report.accuracy, report.precision, report.recall, report.f1
        ),
    }
    Ok(())
}
