//! The readable story table printed by `cluster`.

use super::report::Report;
use std::collections::HashMap;
use std::fmt::Write;

/// Stories with more than one article, then a count of articles standing alone
/// (listed too when `all` is set).
pub fn story_table(report: &Report, all: bool) -> String {
    let mut out = String::new();
    let relations = relation_counts(report);
    let (multi, single): (Vec<_>, Vec<_>) =
        report.stories.iter().partition(|s| s.articles.len() > 1);
    let _ = writeln!(
        out,
        "{} stories with 2+ articles, {} articles alone\n",
        multi.len(),
        single.len()
    );
    for story in multi
        .iter()
        .chain(if all { single.iter() } else { [].iter() })
    {
        let title = story.title.as_deref().unwrap_or("(untitled)");
        let _ = writeln!(
            out,
            "{}  {} articles  {}",
            story.id,
            story.articles.len(),
            truncate(title, 70)
        );
        if let Some(counts) = relations.get(story.id.as_str()) {
            let _ = writeln!(out, "    pairs: {counts}");
        }
        for id in &story.articles {
            let mark = if story.original.as_deref() == Some(id) {
                "  (likely original)"
            } else {
                ""
            };
            let _ = writeln!(out, "    - {id}{mark}");
        }
    }
    if !report.skipped.is_empty() {
        let _ = writeln!(
            out,
            "\n{} inputs skipped (see stderr)",
            report.skipped.len()
        );
    }
    out
}

fn relation_counts(report: &Report) -> HashMap<&str, String> {
    let mut counts: HashMap<&str, Vec<(&str, usize)>> = HashMap::new();
    for pair in &report.pairs {
        let list = counts.entry(pair.story.as_str()).or_default();
        match list.iter_mut().find(|(r, _)| *r == pair.relation) {
            Some((_, n)) => *n += 1,
            None => list.push((pair.relation, 1)),
        }
    }
    counts
        .into_iter()
        .map(|(story, mut list)| {
            list.sort();
            (
                story,
                list.iter()
                    .map(|(r, n)| format!("{n} {r}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        })
        .collect()
}

/// Cut `s` to at most `max` characters, marking the cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}
