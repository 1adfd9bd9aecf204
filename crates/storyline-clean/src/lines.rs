//! Unicode normalisation and line handling shared by the rules.

use unicode_normalization::UnicodeNormalization;

/// NFC-normalised, whitespace-collapsed, non-empty lines. A line that starts
/// in lower case continues the one before it: scrapers often break a sentence
/// across blocks ("Both U.S." / "and South Korean officials …").
pub(crate) fn normalised_lines(text: &str) -> Vec<String> {
    // Most text is already NFC; the quick check skips the rewrite for it.
    let normalised;
    let text = if unicode_normalization::is_nfc_quick(text.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        text
    } else {
        normalised = text.nfc().collect::<String>();
        &normalised
    };
    let mut out: Vec<String> = Vec::new();
    for raw in text.lines() {
        let line = collapse_spaces(raw);
        if line.is_empty() {
            continue;
        }
        let continues = line.chars().next().is_some_and(char::is_lowercase);
        match out.last_mut() {
            Some(prev) if continues => {
                prev.push(' ');
                prev.push_str(&line);
            }
            _ => out.push(line),
        }
    }
    out
}

fn collapse_spaces(raw: &str) -> String {
    raw.split(|c: char| c.is_whitespace() || c == '\u{200b}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lower-cased letters and digits only, for comparing lines loosely.
pub(crate) fn loose(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A line that reads like a headline or heading: short, starting with a capital
/// or digit, and not ending like a sentence.
pub(crate) fn is_headline_like(line: &str, max_words: usize) -> bool {
    let words = line.split_whitespace().count();
    let first_ok = line
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let trimmed = line.trim_end_matches(['"', '\'', '”', '’', ')', ']', ' ']);
    let ends_like_sentence = trimmed.ends_with(['.', ',', ';', ':', '!', '?']);
    (1..=max_words).contains(&words) && first_ok && !ends_like_sentence
}
