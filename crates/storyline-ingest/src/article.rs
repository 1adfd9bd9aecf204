//! The article record every later stage works on.

use serde::{Deserialize, Serialize};

/// Where an article came from, so every message can point back at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The file path as given (or `-` for stdin).
    pub path: String,
    /// The 1-based line for JSONL input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// One news article as read, before cleaning.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Article {
    /// Unique id within one run (file stem, or the JSONL `id` field).
    pub id: String,
    /// The headline, when the input names one.
    pub title: Option<String>,
    /// The raw body text.
    pub text: String,
    /// Publication date as `YYYY-MM-DD` when known.
    pub date: Option<String>,
    /// Publisher or outlet.
    pub source: Option<String>,
    /// Address of the page.
    pub url: Option<String>,
    /// Any other JSONL fields, kept untouched (e.g. a gold `story` label).
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// Where it was read from.
    pub origin: Origin,
}

impl Article {
    /// An article with only the fields every input has.
    pub fn new(id: impl Into<String>, text: impl Into<String>, origin: Origin) -> Self {
        Article {
            id: id.into(),
            title: None,
            text: text.into(),
            date: None,
            source: None,
            url: None,
            extra: serde_json::Map::new(),
            origin,
        }
    }

    /// Words in title and body together, counting no further than `limit`:
    /// enough to reject near-empty articles without walking long ones.
    pub fn word_count(&self, limit: usize) -> usize {
        self.title
            .as_deref()
            .unwrap_or("")
            .split_whitespace()
            .chain(self.text.split_whitespace())
            .take(limit)
            .count()
    }
}

/// Reduce a date-like string to `YYYY-MM-DD` when it starts with one
/// (`2023-11-11`, `2023-11-11T08:00:00Z`, `2023/11/11`). Anything else gives `None`,
/// because a date we cannot compare is worse than no date.
pub fn normalise_date(raw: &str) -> Option<String> {
    let s = raw.trim();
    let b = s.as_bytes();
    if b.len() < 10 {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let sep_ok = matches!(b[4], b'-' | b'/' | b'.') && b[7] == b[4];
    if !(digits(0..4) && digits(5..7) && digits(8..10) && sep_ok) {
        return None;
    }
    let month: u32 = s[5..7].parse().ok()?;
    let day: u32 = s[8..10].parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(format!("{}-{:02}-{:02}", &s[0..4], month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_normalised_or_rejected() {
        assert_eq!(normalise_date("2023-11-11").as_deref(), Some("2023-11-11"));
        assert_eq!(
            normalise_date("2023/11/02T10:00Z").as_deref(),
            Some("2023-11-02")
        );
        assert_eq!(normalise_date("2023-13-01"), None);
        assert_eq!(normalise_date("yesterday"), None);
        assert_eq!(normalise_date("2023-1-1"), None);
    }
}
