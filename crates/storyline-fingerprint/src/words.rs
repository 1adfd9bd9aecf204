//! Words as 64-bit hashes, read in one pass over the text.
//!
//! Near-copy detection only asks whether two texts use the same words, so a
//! word is reduced at once to a hash of its lower-cased letters and digits:
//! no strings are built, and ASCII (most news) takes a fast path.

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;

/// FNV-1a offset basis: the hash of the empty word.
const EMPTY: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

/// Each ASCII byte lower-cased if it is a letter or digit, else 0: one
/// table load instead of two tests and a case fold in the hottest loop.
const ASCII_FOLD: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// Call `word` with the hash of every word of `text` in order. A word is a
/// maximal run of alphanumeric characters, compared lower-cased.
pub fn for_each_word(text: &str, mut word: impl FnMut(u64)) {
    let bytes = text.as_bytes();
    let mut hash = EMPTY;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let alphanumeric = if b < 0x80 {
            i += 1;
            let folded = ASCII_FOLD[usize::from(b)];
            if folded != 0 {
                hash = (hash ^ u64::from(folded)).wrapping_mul(PRIME);
                true
            } else {
                false
            }
        } else {
            let c = text[i..].chars().next().expect("a char starts here");
            i += c.len_utf8();
            if c.is_alphanumeric() {
                for lower in c.to_lowercase() {
                    let mut buf = [0u8; 4];
                    for &b in lower.encode_utf8(&mut buf).as_bytes() {
                        hash = (hash ^ u64::from(b)).wrapping_mul(PRIME);
                    }
                }
                true
            } else {
                false
            }
        };
        if alphanumeric {
            in_word = true;
        } else if in_word {
            word(hash);
            hash = EMPTY;
            in_word = false;
        }
    }
    if in_word {
        word(hash);
    }
}

/// One distinct word of a text and how often it occurs, in eight bytes: the
/// word's hash with its low byte replaced by the count (saturating at 255).
///
/// Eight bytes rather than sixteen for a `(u64, u32)` halves the memory a
/// large corpus's bags take, and the same allocation later holds the
/// word's `(term, weight)` (see `vectors`). The hash keeps 56 bits: FNV-1a
/// mixes every input byte into its high bits, and a clash among a few
/// million distinct words is unlikely (about 1 in 10⁴ at 3 million); a count
/// above 255 weighs as 255 (`1 + ln 255`), which only very repetitive texts
/// reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordCount(u32, u32);

impl WordCount {
    fn new(hash: u64, count: u32) -> Self {
        let key = (hash & !0xFF) | u64::from(count.min(255));
        WordCount((key >> 32) as u32, key as u32)
    }

    /// The word, as a 56-bit hash (its low byte is zero).
    pub fn word(self) -> u64 {
        (u64::from(self.0) << 32) | u64::from(self.1 & !0xFF)
    }

    /// How often the word occurs (at most 255).
    pub fn count(self) -> u32 {
        self.1 & 0xFF
    }
}

thread_local! {
    /// Each thread's word counts, cleared and reused for every text rather
    /// than allocated (and its pages touched afresh) once per article.
    static COUNTS: RefCell<HashMap<u64, u32>> = RefCell::new(HashMap::default());
}

/// A thread's count table is dropped rather than cleared once one text has
/// grown it past this many words, so one huge text does not make clearing
/// it slow for every text after.
const MAX_KEPT_CAPACITY: usize = 1 << 16;

/// What near-copy detection keeps of a text: its distinct words with their
/// counts (in no particular order), and a hash of the whole word sequence
/// (equal for texts that differ only in case, spacing and punctuation).
#[derive(Debug, Clone)]
pub struct Fingerprint {
    pub(crate) words: Vec<WordCount>,
    pub(crate) sequence: u64,
}

impl Fingerprint {
    /// Fingerprint a text; its parts (a headline and a body, say) are read
    /// as one text.
    pub fn of<T: Text + ?Sized>(text: &T) -> Self {
        COUNTS.with_borrow_mut(|counts| {
            if counts.capacity() > MAX_KEPT_CAPACITY {
                *counts = HashMap::default();
            }
            counts.clear();
            let mut sequence = EMPTY;
            for part in text.parts() {
                for_each_word(part, |h| {
                    *counts.entry(h & !0xFF).or_default() += 1;
                    sequence = (sequence ^ h).wrapping_mul(PRIME);
                });
            }
            let words = counts
                .iter()
                .map(|(&word, &n)| WordCount::new(word, n))
                .collect();
            Fingerprint { words, sequence }
        })
    }
}

/// A text to fingerprint, in one or more parts.
pub trait Text: Sync {
    /// The parts, in reading order.
    fn parts(&self) -> Vec<&str>;
}

impl Text for str {
    fn parts(&self) -> Vec<&str> {
        vec![self]
    }
}

impl Text for &str {
    fn parts(&self) -> Vec<&str> {
        vec![self]
    }
}

impl Text for String {
    fn parts(&self) -> Vec<&str> {
        vec![self.as_str()]
    }
}

impl Text for [&str] {
    fn parts(&self) -> Vec<&str> {
        self.to_vec()
    }
}

impl Text for (Option<&str>, &str) {
    fn parts(&self) -> Vec<&str> {
        self.0.into_iter().chain([self.1]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        for_each_word(text, |h| out.push(h));
        out
    }

    #[test]
    fn words_ignore_case_and_punctuation() {
        assert_eq!(hashes("Port  Elwin, 2025!"), hashes("port elwin 2025"));
        assert_eq!(hashes("Ærø's ÆRØ").len(), 3);
        assert_eq!(hashes("Ærø")[0], hashes("ærø")[0]);
        assert_ne!(hashes("bridge")[0], hashes("bridges")[0]);
        assert!(hashes(" ,.; ").is_empty());
    }

    #[test]
    fn distinct_words_get_distinct_hashes() {
        let mut seen = std::collections::HashSet::new();
        for i in 0..50_000u32 {
            for word in [
                format!("w{i}"),
                format!("a{i:0>12}z"),
                format!("Œ{i}x{}", i * 7),
            ] {
                assert!(seen.insert(hashes(&word)[0]), "collision at {word}");
            }
        }
        assert_ne!(hashes("abcdefgh")[0], hashes("abcdefgh0")[0]);
    }

    #[test]
    fn a_word_count_keeps_the_word_and_saturates_the_count() {
        let hash = hashes("bridge")[0];
        let w = WordCount::new(hash, 7);
        assert_eq!((w.word(), w.count()), (hash & !0xFF, 7));
        assert_eq!(WordCount::new(hash, 1000).count(), 255);
        let echo = Fingerprint::of("echo ".repeat(300).as_str());
        assert_eq!(echo.words[0].count(), 255);
    }

    #[test]
    fn a_bag_counts_repeats_and_the_sequence_sees_order() {
        let cat = Fingerprint::of("the cat saw the dog");
        assert_eq!(cat.words.len(), 4);
        assert_eq!(cat.words.iter().map(|w| w.count()).sum::<u32>(), 5);
        let same = Fingerprint::of(&["The cat,", "saw THE dog."][..]);
        let swapped = Fingerprint::of("the dog saw the cat");
        assert_eq!(cat.sequence, same.sequence);
        assert_ne!(cat.sequence, swapped.sequence);
    }
}
