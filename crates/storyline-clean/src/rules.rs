//! The cleaning rules, applied in order by [`crate::clean`].

use crate::dates::{date_in_url, parse_date_line, split_date_prefix};
use crate::lines::{is_headline_like, loose};
use crate::{Boilerplate, Cleaned, Removed};

/// Longest line (in words) taken for a headline.
const MAX_HEADLINE_WORDS: usize = 20;
/// Longest line (in words) taken for a subheading inside the body.
const MAX_HEADING_WORDS: usize = 12;
/// Longest line (in words) taken for a trailing tag line.
const MAX_TAG_WORDS: usize = 8;
/// Longest line (in words) that a credit or share phrase can mark as boilerplate;
/// longer lines are prose that merely mentions the phrase.
const MAX_DEBRIS_WORDS: usize = 25;

const CREDIT_PREFIXES: [&str; 10] = [
    "photo:",
    "photo by",
    "photograph:",
    "photos:",
    "image:",
    "picture:",
    "credit:",
    "photo credit",
    "image credit",
    "(photo",
];
const CREDIT_MARKERS: [&str; 5] = ["©", "(c) ", "getty images", "ap photo", "/reuters"];
const SHARE_MARKERS: [&str; 14] = [
    "share this",
    "share on",
    "subscribe",
    "sign up for",
    "newsletter",
    "follow us",
    "click here",
    "read more",
    "advertisement",
    "all rights reserved",
    "related articles",
    "related stories",
    "leave a comment",
    "copyright",
];

fn remove(cleaned: &mut Cleaned, kind: Boilerplate, text: &str) {
    cleaned.removed.push(Removed {
        kind,
        text: text.to_string(),
    });
}

/// A `date YYYY-MM-DD` prefix on the first line becomes the article's date.
pub(crate) fn take_leading_date(lines: &mut Vec<String>, cleaned: &mut Cleaned) {
    let Some(first) = lines.first() else { return };
    let Some((date, rest)) = split_date_prefix(first) else {
        return;
    };
    let prefix = first[..first.len() - rest.len()].trim().to_string();
    remove(cleaned, Boilerplate::DateLine, &prefix);
    cleaned.date = Some(date);
    if rest.is_empty() {
        lines.remove(0);
    } else {
        lines[0] = rest;
    }
}

/// Bare URLs before the headline (some scrapers start with the page address),
/// so the headline under them can still be found.
pub(crate) fn take_leading_urls(lines: &mut Vec<String>, cleaned: &mut Cleaned) {
    while lines.first().is_some_and(|l| is_url(&l.to_lowercase())) {
        let url = lines.remove(0);
        if cleaned.date.is_none() {
            cleaned.date = date_in_url(&url);
        }
        remove(cleaned, Boilerplate::Url, &url);
    }
}

/// Use the given title, or promote a headline-like first line to title.
pub(crate) fn take_title(lines: &mut Vec<String>, given: Option<&str>, cleaned: &mut Cleaned) {
    let given = given.map(str::trim).filter(|t| !t.is_empty());
    cleaned.title = match given {
        Some(title) => Some(title.to_string()),
        None if lines.len() >= 2
            && is_headline_like(&lines[0], MAX_HEADLINE_WORDS)
            && !is_credit(&lines[0].to_lowercase()) =>
        {
            Some(lines.remove(0))
        }
        None => None,
    };
}

/// Sort every line into body or a kind of boilerplate.
pub(crate) fn classify_lines(lines: Vec<String>, cleaned: &mut Cleaned) {
    let title_key = cleaned
        .title
        .as_deref()
        .map(loose)
        .filter(|k| !k.is_empty());
    let mut block: Option<Boilerplate> = None;
    for line in lines {
        let lower = line.to_lowercase();
        if let Some(kind) = block_start(&lower) {
            block = Some(kind);
            remove(cleaned, kind, &line);
            continue;
        }
        if block == Some(Boilerplate::Sources) && !is_link_line(&lower) {
            block = None;
        }
        if let Some(kind) = block {
            remove(cleaned, kind, &line);
        } else if !take_headline_copy(&line, title_key.as_deref(), cleaned) {
            classify_line(line, &lower, cleaned);
        }
    }
}

fn classify_line(line: String, lower: &str, cleaned: &mut Cleaned) {
    let words = line.split_whitespace().count();
    let kind = if is_url(lower) {
        Some(Boilerplate::Url)
    } else if lower.starts_with("q:") || lower.starts_with("a:") {
        Some(Boilerplate::Faq)
    } else if words <= MAX_DEBRIS_WORDS && is_credit(lower) {
        Some(Boilerplate::PhotoCredit)
    } else if words <= MAX_HEADING_WORDS && SHARE_MARKERS.iter().any(|m| lower.contains(m)) {
        Some(Boilerplate::Share)
    } else if let Some(date) = parse_date_line(&line) {
        cleaned.date.get_or_insert(date);
        Some(Boilerplate::DateLine)
    } else {
        None
    };
    match kind {
        Some(kind) => remove(cleaned, kind, &line),
        None => cleaned.paragraphs.push(line),
    }
}

/// Lines that open a block running until something else starts.
fn block_start(lower: &str) -> Option<Boilerplate> {
    let head = lower.trim_end_matches([':', ' ']);
    if ["frequently asked questions", "faq", "faqs"].contains(&head) {
        Some(Boilerplate::Faq)
    } else if head == "sources" || head == "source" || lower.starts_with("sources:") {
        Some(Boilerplate::Sources)
    } else {
        None
    }
}

/// The headline repeated in the body, alone or followed by a photo credit.
fn take_headline_copy(line: &str, title_key: Option<&str>, cleaned: &mut Cleaned) -> bool {
    let Some(title_key) = title_key else {
        return false;
    };
    if loose(line) == title_key {
        remove(cleaned, Boilerplate::RepeatedHeadline, line);
        return true;
    }
    let lower = line.to_lowercase();
    let Some(cut) = CREDIT_MARKERS.iter().filter_map(|m| lower.find(m)).min() else {
        return false;
    };
    let (head, credit) = line.split_at(cut);
    if loose(head) != title_key {
        return false;
    }
    remove(cleaned, Boilerplate::RepeatedHeadline, head.trim());
    remove(cleaned, Boilerplate::PhotoCredit, credit.trim());
    true
}

fn is_credit(lower: &str) -> bool {
    CREDIT_PREFIXES.iter().any(|p| lower.starts_with(p))
        || CREDIT_MARKERS.iter().any(|m| lower.contains(m))
}

/// Bare URLs, including the "http: / / site. com" form of tokenised corpora.
fn is_url(lower: &str) -> bool {
    let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    (compact.starts_with("http://")
        || compact.starts_with("https://")
        || compact.starts_with("www."))
        && lower.split_whitespace().count() <= 40
}

/// A line under "Sources:": a link or a list item.
fn is_link_line(lower: &str) -> bool {
    lower.starts_with(['–', '-', '*', '•', '[']) || is_url(lower) || lower.contains("](http")
}

/// Subheadings between paragraphs and a trailing tag line.
pub(crate) fn take_headings_and_tags(cleaned: &mut Cleaned) {
    let paragraphs = std::mem::take(&mut cleaned.paragraphs);
    let last = paragraphs.len().saturating_sub(1);
    for (i, line) in paragraphs.into_iter().enumerate() {
        let is_tag = i == last && i > 0 && is_headline_like(&line, MAX_TAG_WORDS);
        let is_heading = i < last && is_headline_like(&line, MAX_HEADING_WORDS);
        if is_tag {
            remove(cleaned, Boilerplate::TagLine, &line);
        } else if is_heading {
            remove(cleaned, Boilerplate::Heading, &line);
        } else {
            cleaned.paragraphs.push(line);
        }
    }
}
