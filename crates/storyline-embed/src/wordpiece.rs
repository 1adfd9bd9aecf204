//! BERT's uncased WordPiece tokenizer: text to vocabulary ids.
//!
//! The steps are BERT's: drop control characters, put spaces around CJK
//! ideographs, lower-case, strip accents (NFD, then drop combining marks),
//! split on whitespace and around punctuation, then cut each word into the
//! longest vocabulary pieces from its start (`##` marks a piece that
//! continues a word). One simplification: any character that is not a
//! letter, digit, mark or space counts as punctuation, so a symbol such as
//! `€` stands alone where BERT would keep it in its word; such symbols are
//! rare in news, and rarer still where they matter.

use std::collections::HashMap;
use std::path::Path;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Words longer than this (in characters) become `[UNK]`, as in BERT.
const MAX_WORD_CHARS: usize = 100;

/// A WordPiece vocabulary and the ids of its special tokens.
pub struct WordPiece {
    ids: HashMap<String, u32>,
    pub(crate) cls: u32,
    pub(crate) sep: u32,
    unknown: u32,
}

impl WordPiece {
    /// Read `vocab.txt`: one token per line, its id the line number.
    pub fn read(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Self::from_tokens(text.lines()).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// A vocabulary of `tokens` in id order; it must hold `[CLS]`, `[SEP]`
    /// and `[UNK]`.
    pub fn from_tokens<'a>(tokens: impl IntoIterator<Item = &'a str>) -> Result<Self, String> {
        let ids: HashMap<String, u32> = tokens
            .into_iter()
            .enumerate()
            .map(|(i, t)| (t.to_string(), i as u32))
            .collect();
        let special = |name: &str| {
            ids.get(name)
                .copied()
                .ok_or(format!("the vocabulary has no {name} token"))
        };
        Ok(WordPiece {
            cls: special("[CLS]")?,
            sep: special("[SEP]")?,
            unknown: special("[UNK]")?,
            ids,
        })
    }

    /// How many tokens the vocabulary holds (one more than its largest id).
    pub fn len(&self) -> usize {
        self.ids.values().max().map_or(0, |&m| m as usize + 1)
    }

    /// Whether the vocabulary is empty (it never is once built).
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The ids of `text`'s pieces, at most `max` of them, without `[CLS]`
    /// and `[SEP]`.
    pub fn encode(&self, text: &str, max: usize) -> Vec<u32> {
        let mut out = Vec::new();
        for word in words(text) {
            if out.len() >= max {
                break;
            }
            self.pieces(&word, &mut out);
        }
        out.truncate(max);
        out
    }

    /// Append the pieces of one word: the longest vocabulary entry from its
    /// start, then from where that ended (as `##…`), or `[UNK]` for the
    /// whole word when some part matches nothing.
    fn pieces(&self, word: &str, out: &mut Vec<u32>) {
        if word.chars().count() > MAX_WORD_CHARS {
            out.push(self.unknown);
            return;
        }
        let before = out.len();
        let mut start = 0;
        let mut candidate = String::new();
        while start < word.len() {
            let mut end = word.len();
            let found = loop {
                candidate.clear();
                if start > 0 {
                    candidate.push_str("##");
                }
                candidate.push_str(&word[start..end]);
                if let Some(&id) = self.ids.get(&candidate) {
                    break Some(id);
                }
                match word[start..end].char_indices().next_back() {
                    Some((last, _)) if last > 0 => end = start + last,
                    _ => break None,
                }
            };
            match found {
                Some(id) => {
                    out.push(id);
                    start = end;
                }
                None => {
                    out.truncate(before);
                    out.push(self.unknown);
                    return;
                }
            }
        }
    }
}

/// BERT's basic tokenization: lower-cased, accent-free words and single
/// punctuation characters, in order.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let end_word = |word: &mut String, out: &mut Vec<String>| {
        if !word.is_empty() {
            out.push(std::mem::take(word));
        }
    };
    for c in text.chars().flat_map(char::to_lowercase).nfd() {
        if c.is_whitespace() {
            end_word(&mut word, &mut out);
        } else if c.is_control() || c == '\u{fffd}' || is_combining_mark(c) {
            continue;
        } else if c.is_alphanumeric() && !is_cjk(c) {
            word.push(c);
        } else {
            end_word(&mut word, &mut out);
            out.push(c.to_string());
        }
    }
    end_word(&mut word, &mut out);
    out
}

/// CJK ideographs, which BERT treats as words of their own.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0x2A700..=0x2B73F
        | 0x2B740..=0x2B81F | 0x2B820..=0x2CEAF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lower_cased_accent_free_and_punctuation_stands_alone() {
        assert_eq!(
            words("Zoë's café, “Øresund” — 2,500 km!"),
            [
                "zoe", "'", "s", "cafe", ",", "“", "øresund", "”", "—", "2", ",", "500", "km", "!"
            ]
        );
        assert_eq!(words("北京 plan"), ["北", "京", "plan"]);
        assert!(words(" \t\n").is_empty());
    }

    #[test]
    fn words_are_cut_into_the_longest_pieces_or_unknown() {
        let vocab = WordPiece::from_tokens([
            "[PAD]", "[UNK]", "[CLS]", "[SEP]", "flood", "##ing", "##s", "the", "road", "##ed",
        ])
        .unwrap();
        assert_eq!(vocab.encode("The flooding roads", 10), [7, 4, 5, 8, 6]);
        assert_eq!(vocab.encode("roadxyz flooded", 10), [1, 4, 9]);
        assert_eq!(vocab.encode("the the the", 2), [7, 7]);
        assert!(WordPiece::from_tokens(["[CLS]", "[SEP]"]).is_err());
    }
}
