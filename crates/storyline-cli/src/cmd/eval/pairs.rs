//! `eval --pairs`: pair scores against a gold similarity column.

use super::{pair_scores, read_rows, Args};
use crate::cmd::Format;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use storyline_eval::{pearson, spearman};

#[derive(Serialize)]
struct Correlation {
    pairs: usize,
    pearson: Option<f64>,
    spearman: Option<f64>,
}

#[derive(Serialize)]
struct PairsReport {
    file: String,
    gold: String,
    inverted: bool,
    skipped: usize,
    #[serde(flatten)]
    all: Correlation,
    by_language: BTreeMap<String, Correlation>,
}

struct PairRow {
    lang: String,
    gold: f64,
}

pub(super) fn run(path: &Path, args: &Args) -> Result<(), String> {
    let shown = path.display().to_string();
    let (lines, mut skipped) = read_rows(path, &args.split)?;
    let (mut rows, mut texts) = (Vec::new(), Vec::new());
    for (line, value) in lines {
        match pair_row(&value, &args.gold) {
            Ok((row, t1, t2)) => {
                rows.push(row);
                texts.push((line, t1, t2));
            }
            Err(reason) => {
                eprintln!("skipped: {shown}:{line}: {reason}");
                skipped += 1;
            }
        }
    }
    if rows.is_empty() {
        return Err(format!("no usable pairs in {shown}"));
    }
    let tuning = args.tuning()?;
    let model = args.model.load()?;
    let scores = pair_scores(&shown, texts, &tuning, model, |pair| f64::from(pair.score));
    let sign = if args.invert { -1.0 } else { 1.0 };
    let scored: Vec<(&str, f64, f64)> = rows
        .iter()
        .zip(scores)
        .map(|(row, score)| (row.lang.as_str(), score, sign * row.gold))
        .collect();
    let correlate = |subset: Vec<&(&str, f64, f64)>| {
        let (x, y): (Vec<f64>, Vec<f64>) = subset.iter().map(|r| (r.1, r.2)).unzip();
        Correlation {
            pairs: x.len(),
            pearson: pearson(&x, &y),
            spearman: spearman(&x, &y),
        }
    };
    let mut langs: Vec<&str> = scored.iter().map(|r| r.0).collect();
    langs.sort_unstable();
    langs.dedup();
    let report = PairsReport {
        file: shown.clone(),
        gold: args.gold.clone(),
        inverted: args.invert,
        skipped,
        all: correlate(scored.iter().collect()),
        by_language: langs
            .iter()
            .map(|&l| {
                (
                    l.to_string(),
                    correlate(scored.iter().filter(|r| r.0 == l).collect()),
                )
            })
            .collect(),
    };
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report).expect("serialises")
        ),
        Format::Text => print!("{}", pairs_text(&report)),
    }
    Ok(())
}

fn pair_row(v: &Value, gold: &str) -> Result<(PairRow, String, String), String> {
    let text = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or(format!("missing string field \"{k}\""))
    };
    let (t1, t2) = (text("text1")?, text("text2")?);
    let gold = v
        .get(gold)
        .and_then(Value::as_f64)
        .ok_or(format!("missing numeric gold field \"{gold}\""))?;
    let lang = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .unwrap_or("und")
            .to_string()
    };
    Ok((
        PairRow {
            lang: format!("{}-{}", lang("lang1"), lang("lang2")),
            gold,
        },
        t1,
        t2,
    ))
}

fn pairs_text(r: &PairsReport) -> String {
    let fmt = |c: &Correlation| {
        let f = |x: Option<f64>| x.map_or("n/a".to_string(), |v| format!("{v:.4}"));
        format!(
            "{:>5} pairs  Pearson {}  Spearman {}",
            c.pairs,
            f(c.pearson),
            f(c.spearman)
        )
    };
    let mut out = format!(
        "{} vs {}{}\nall    {}\n",
        r.file,
        if r.inverted { "-" } else { "" },
        r.gold,
        fmt(&r.all)
    );
    for (lang, c) in &r.by_language {
        out.push_str(&format!("{lang:<6} {}\n", fmt(c)));
    }
    out
}
