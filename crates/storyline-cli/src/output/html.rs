//! `report.html`: one self-contained page (no scripts, no external files) with
//! the stories and the side-by-side view of each labelled pair.

use super::report::Report;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use storyline_clean::Removed;
use storyline_engine::explain::{Explanation, Row};

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1200px;color:#222}\
h2{margin-top:2em;border-bottom:1px solid #ccc}table{border-collapse:collapse;width:100%}\
td,th{padding:4px 8px;vertical-align:top;text-align:left}tr:nth-child(even){background:#f7f7f7}\
.verbatim{background:#dff5df}.edited{background:#fff4c9}.paraphrase{background:#dcefff}\
.only-a{background:#fde2e2}.only-b{background:#e3f7e3}.mark{width:2em;text-align:center;color:#666}\
.orig{font-weight:bold}details{margin:1em 0;border:1px solid #ddd;padding:.5em}summary{cursor:pointer}\
.removed{color:#666;font-size:90%}";

/// Escape text for HTML.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The full page. `explained` holds `(pair index, explanation)` for the pairs
/// that get a side-by-side view; `omitted` counts those left out for size.
pub fn render(report: &Report, explained: &[(usize, Explanation)], omitted: usize) -> String {
    let mut out = String::new();
    let _ = write!(out, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>storyline report</title><style>{STYLE}</style></head><body>");
    let multi = report
        .stories
        .iter()
        .filter(|s| s.articles.len() > 1)
        .count();
    let _ = write!(out, "<h1>storyline report</h1><p>{} articles in {} stories ({multi} with more than one article), {} labelled pairs, {} inputs skipped.</p>",
        report.stories.iter().map(|s| s.articles.len()).sum::<usize>(), report.stories.len(), report.pairs.len(), report.skipped.len());
    stories(&mut out, report, explained);
    let _ = write!(out, "<h2>Pairs side by side</h2><p><span class=\"verbatim\">= verbatim</span> <span class=\"edited\">~ edited</span> <span class=\"paraphrase\">≈ paraphrase</span> <span class=\"only-a\">&lt; only in A</span> <span class=\"only-b\">&gt; only in B</span></p>");
    if omitted > 0 {
        let _ = write!(out, "<p>{omitted} more pairs are in pairs.jsonl; run <code>storyline compare</code> on any of them.</p>");
    }
    for (index, e) in explained {
        pair_view(&mut out, *index, e);
    }
    skipped(&mut out, report);
    out.push_str("</body></html>\n");
    out
}

fn stories(out: &mut String, report: &Report, explained: &[(usize, Explanation)]) {
    let _ = write!(out, "<h2>Stories</h2>");
    let with_view: HashSet<usize> = explained.iter().map(|(i, _)| *i).collect();
    let mut pairs_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, pair) in report.pairs.iter().enumerate() {
        pairs_of.entry(pair.story.as_str()).or_default().push(i);
    }
    for story in report.stories.iter().filter(|s| s.articles.len() > 1) {
        let title = escape(story.title.as_deref().unwrap_or("(untitled)"));
        let _ = write!(
            out,
            "<h3 id=\"{0}\">{0} · {1} articles · {title}</h3><ul>",
            escape(&story.id),
            story.articles.len()
        );
        for id in &story.articles {
            let orig = story.original.as_deref() == Some(id.as_str());
            let _ = write!(
                out,
                "<li{}>{}{}</li>",
                if orig { " class=\"orig\"" } else { "" },
                escape(id),
                if orig { " (likely original)" } else { "" }
            );
        }
        let _ = write!(
            out,
            "</ul><table><tr><th>A</th><th>B</th><th>relation</th><th>score</th></tr>"
        );
        for &i in pairs_of.get(story.id.as_str()).into_iter().flatten() {
            let pair = &report.pairs[i];
            let link = if with_view.contains(&i) {
                format!("<a href=\"#pair-{i}\">{}</a>", pair.relation)
            } else {
                pair.relation.to_string()
            };
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{link}</td><td>{:.3}</td></tr>",
                escape(&pair.a),
                escape(&pair.b),
                pair.score
            );
        }
        out.push_str("</table>");
    }
}

fn pair_view(out: &mut String, index: usize, e: &Explanation) {
    let _ = write!(out, "<details id=\"pair-{index}\" open><summary><b>{}</b> ↔ <b>{}</b>: {} ({:.3})</summary><table>",
        escape(&e.a.id), escape(&e.b.id), e.relation.as_str(), e.score);
    let _ = write!(
        out,
        "<tr><th>{}</th><th></th><th>{}</th></tr>",
        escape(e.a.title.as_deref().unwrap_or("")),
        escape(e.b.title.as_deref().unwrap_or(""))
    );
    for row in &e.rows {
        let (left, mark, right, class) = match *row {
            Row::Match { a, b, kind, .. } => (
                e.a.sentences[a].as_str(),
                kind.mark(),
                e.b.sentences[b].as_str(),
                kind.as_str().to_string(),
            ),
            Row::OnlyA { a } => (e.a.sentences[a].as_str(), "&lt;", "", "only-a".to_string()),
            Row::OnlyB { b } => ("", "&gt;", e.b.sentences[b].as_str(), "only-b".to_string()),
        };
        let _ = write!(
            out,
            "<tr class=\"{class}\"><td>{}</td><td class=\"mark\">{mark}</td><td>{}</td></tr>",
            escape(left),
            escape(right)
        );
    }
    out.push_str("<tr class=\"removed\"><td>");
    removed_list(out, &e.a.additions, &e.a.boilerplate);
    out.push_str("</td><td></td><td>");
    removed_list(out, &e.b.additions, &e.b.boilerplate);
    out.push_str("</td></tr></table></details>");
}

fn removed_list(out: &mut String, additions: &[Removed], boilerplate: &[Removed]) {
    for (heading, items) in [
        ("Additions", additions),
        ("Boilerplate removed", boilerplate),
    ] {
        if items.is_empty() {
            continue;
        }
        let _ = write!(out, "<p><b>{heading}</b></p><ul>");
        for item in items {
            let _ = write!(
                out,
                "<li>[{}] {}</li>",
                item.kind.label(),
                escape(&item.text)
            );
        }
        out.push_str("</ul>");
    }
}

fn skipped(out: &mut String, report: &Report) {
    if report.skipped.is_empty() && report.warnings.is_empty() {
        return;
    }
    let _ = write!(out, "<h2>Inputs skipped or read with warnings</h2><ul>");
    for (tag, problem) in report
        .skipped
        .iter()
        .map(|p| ("skipped", p))
        .chain(report.warnings.iter().map(|p| ("warning", p)))
    {
        let _ = write!(out, "<li>{tag}: {}</li>", escape(&problem.to_string()));
    }
    out.push_str("</ul>");
}
