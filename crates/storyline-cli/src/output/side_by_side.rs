//! `compare` in the terminal: two columns of aligned sentences.

use std::fmt::Write;
use storyline_align::MatchKind;
use storyline_clean::Removed;
use storyline_engine::explain::{Explanation, Row, Side};

/// ANSI colours, or nothing when output is not a terminal.
pub struct Palette {
    on: bool,
}

impl Palette {
    pub fn new(on: bool) -> Self {
        Palette { on }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// ANSI colour of each match kind: green, yellow, cyan.
fn colour(kind: MatchKind) -> &'static str {
    match kind {
        MatchKind::Verbatim => "32",
        MatchKind::Edited => "33",
        MatchKind::Paraphrase => "36",
    }
}

/// The whole comparison as text, `width` columns wide.
pub fn render(e: &Explanation, width: usize, palette: &Palette) -> String {
    let mut out = String::new();
    let ev = &e.evidence;
    let _ = writeln!(
        out,
        "{}",
        palette.paint("1", &format!("{} ({:.3})", e.relation.as_str(), e.score))
    );
    let _ = writeln!(
        out,
        "cosine {:.3} · aligned {:.0}% · copied {:.0}% · {} sentence pairs{}{}",
        ev.cosine,
        ev.aligned * 100.0,
        ev.copied * 100.0,
        ev.links,
        ev.days_apart
            .map(|d| format!(" · {d} days apart"))
            .unwrap_or_default(),
        if ev.weekdays_differ {
            " · leads name different weekdays"
        } else {
            ""
        }
    );
    let col = width.saturating_sub(5) / 2;
    let _ = writeln!(
        out,
        "\n{}",
        two_columns(&header(&e.a), &header(&e.b), " ", col)
    );
    let _ = writeln!(out, "{}", "─".repeat(col * 2 + 3));
    for row in &e.rows {
        let (left, mark, right, code) = match *row {
            Row::Match { a, b, kind, .. } => {
                let (mark, code) = (kind.mark(), colour(kind));
                (
                    e.a.sentences[a].as_str(),
                    mark,
                    e.b.sentences[b].as_str(),
                    code,
                )
            }
            Row::OnlyA { a } => (e.a.sentences[a].as_str(), "<", "", "31"),
            Row::OnlyB { b } => ("", ">", e.b.sentences[b].as_str(), "32"),
        };
        let block = two_columns(left, right, mark, col);
        let _ = writeln!(out, "{}\n", palette.paint(code, &block));
    }
    let _ = writeln!(
        out,
        "legend: = verbatim  ~ edited  ≈ paraphrase  < only in A  > only in B\n"
    );
    side_summary(&mut out, "A", &e.a, palette);
    side_summary(&mut out, "B", &e.b, palette);
    out
}

fn header(side: &Side) -> String {
    let date = side
        .date
        .as_deref()
        .map(|d| format!(" [{d}]"))
        .unwrap_or_default();
    format!(
        "{}{}: {}",
        side.id,
        date,
        side.title.as_deref().unwrap_or("(untitled)")
    )
}

fn side_summary(out: &mut String, name: &str, side: &Side, palette: &Palette) {
    let _ = writeln!(
        out,
        "{}",
        palette.paint("1", &format!("{name} = {}", side.id))
    );
    let _ = writeln!(out, "  sentences only in {name}: {}", side.only_here.len());
    list_removed(out, &format!("additions in {name}"), &side.additions);
    list_removed(
        out,
        &format!("boilerplate removed from {name}"),
        &side.boilerplate,
    );
}

fn list_removed(out: &mut String, heading: &str, items: &[Removed]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "  {heading}:");
    for item in items {
        let _ = writeln!(
            out,
            "    [{}] {}",
            item.kind.label(),
            super::table::truncate(&item.text, 90)
        );
    }
}

/// Lay two texts side by side, each wrapped to `col` characters, with `mark`
/// in the gutter of the first line.
fn two_columns(left: &str, right: &str, mark: &str, col: usize) -> String {
    let (l, r) = (wrap(left, col), wrap(right, col));
    let rows = l.len().max(r.len()).max(1);
    (0..rows)
        .map(|i| {
            let gutter = if i == 0 { mark } else { " " };
            let left = l.get(i).map_or("", String::as_str);
            let pad = col.saturating_sub(left.chars().count());
            format!(
                "{left}{} {gutter} {}",
                " ".repeat(pad),
                r.get(i).map_or("", String::as_str)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_respects_width_and_keeps_words() {
        let lines = wrap("one two three four five six", 9);
        assert_eq!(lines, ["one two", "three", "four five", "six"]);
        let block = two_columns("left side text", "right", "=", 9);
        assert!(block.starts_with("left side = right"), "{block}");
    }
}
