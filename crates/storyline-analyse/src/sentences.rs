//! Sentence splitting that does not break after abbreviations or initials.

/// Words that end in a full stop without ending a sentence (lower-cased, no dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "gov", "sen", "rep", "lt", "col",
    "capt", "sgt", "cpl", "adm", "maj", "rev", "hon", "pres", "supt", "det", "insp", "no", "nos",
    "inc", "corp", "ltd", "co", "bros", "vs", "etc", "e.g", "i.e", "approx", "dept", "est", "fig",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt",
    "ft", "u.s", "u.k", "u.n", "a.m", "p.m", "ave", "blvd", "rd", "univ", "assn", "min", "max",
];

/// Split one paragraph into sentences.
///
/// A sentence ends at `.`, `!` or `?` (with any closing quotes or brackets)
/// followed by white space and then a capital, digit or opening quote — unless
/// the word before the stop is a known abbreviation or a single letter.
pub fn split_sentences(paragraph: &str) -> Vec<String> {
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            let mut end = i + 1;
            while end < chars.len() && is_closer(chars[end].1) {
                end += 1;
            }
            if ends_sentence(paragraph, &chars, start, pos, c, end) {
                let stop = chars.get(end).map_or(paragraph.len(), |&(p, _)| p);
                push_trimmed(&mut sentences, &paragraph[start..stop]);
                start = stop;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(&mut sentences, &paragraph[start..]);
    sentences
}

fn ends_sentence(
    text: &str,
    chars: &[(usize, char)],
    start: usize,
    stop_pos: usize,
    stop: char,
    after: usize,
) -> bool {
    let Some(&(_, space)) = chars.get(after) else {
        return false;
    };
    if !space.is_whitespace() {
        return false;
    }
    let next = chars[after..]
        .iter()
        .map(|&(_, c)| c)
        .find(|c| !c.is_whitespace());
    let opens_sentence =
        next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || is_opener(c));
    if !opens_sentence {
        return false;
    }
    stop != '.' || !is_abbreviation(last_word(&text[start..stop_pos]))
}

fn last_word(before: &str) -> &str {
    before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("")
}

fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_lowercase();
    let single_letter = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
    single_letter || ABBREVIATIONS.contains(&lower.as_str())
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«')
}

fn push_trimmed(out: &mut Vec<String>, piece: &str) {
    let piece = piece.trim();
    if piece.chars().any(char::is_alphanumeric) {
        out.push(piece.to_string());
    }
}
