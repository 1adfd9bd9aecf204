//! Words as 64-bit hashes, read in one pass over the text.
//!
//! Near-copy detection only asks whether two texts use the same words, so a
//! word is reduced at once to a hash of its lower-cased letters and digits:
//! no strings are built, and ASCII (most news) takes a fast path.

use rustc_hash::FxHashMap as HashMap;

/// FNV-1a offset basis: the hash of the empty word.
const EMPTY: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

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
            if b.is_ascii_alphanumeric() {
                hash = (hash ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(PRIME);
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

/// A text's distinct words with their counts (in no particular order), and
/// a hash of the whole word sequence (equal for texts that differ only in
/// case, spacing and punctuation). The parts are read as one text.
pub fn bag_of_words(parts: &[&str]) -> (Vec<(u64, u32)>, u64) {
    let mut counts: HashMap<u64, u32> = HashMap::with_capacity_and_hasher(
        parts.iter().map(|p| p.len()).sum::<usize>() / 8,
        Default::default(),
    );
    let mut sequence = EMPTY;
    for part in parts {
        for_each_word(part, |h| {
            *counts.entry(h).or_default() += 1;
            sequence = (sequence ^ h).wrapping_mul(PRIME);
        });
    }
    (counts.into_iter().collect(), sequence)
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
    fn a_bag_counts_repeats_and_the_sequence_sees_order() {
        let (bag, seq) = bag_of_words(&["the cat saw the dog"]);
        assert_eq!(bag.len(), 4);
        assert_eq!(bag.iter().map(|&(_, n)| n).sum::<u32>(), 5);
        let (_, same) = bag_of_words(&["The cat,", "saw THE dog."]);
        let (_, swapped) = bag_of_words(&["the dog saw the cat"]);
        assert_eq!(seq, same);
        assert_ne!(seq, swapped);
    }
}
