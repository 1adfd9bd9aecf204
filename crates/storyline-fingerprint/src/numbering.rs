//! Numbering a corpus's words rarest first, and counting their document
//! frequencies on the way.
//!
//! Every word of every text is looked up twice: once to count how many
//! texts hold it, once to find its number for the text's vector. With one
//! map from word to number for the whole corpus, the second lookup probed
//! a table as large as the corpus's vocabulary (12 bytes a slot, at least
//! half of them empty) for every word of every text. Instead each thread
//! counts its *share* of the texts in a map of its own and replaces each
//! word by its index there (its *local* number); the shares' words are
//! then merged into one numbering, and each share keeps a table from its
//! local numbers to terms — four bytes a word it holds, read by index.
//! At 10k generated articles `dedup`'s weighing and joining took 58.0
//! against 68.9 ms, and 34.3 against 37.6 ms in a second round (medians
//! of 31 alternating runs); at 1M the difference was within the noise
//! (7.10 against 7.25 s, medians of five; there the local numbers are
//! written back over 2 GB of word counts, a pass the single map did not
//! make), and peak memory rose 2 % (1,817 → 1,860 MB).

use crate::table::WordMap;
use crate::words::Fingerprint;
use rayon::prelude::*;

/// Room a share's map starts with (it grows as needed): a large table
/// made at once would be zeroed page by page for words that never come.
const FIRST_WORDS: usize = 1 << 15;

/// The corpus's terms, numbered rarest first (ties by word hash, so the
/// numbering is the same on every run).
pub(crate) struct Numbering {
    /// Texts in each share (the last may hold fewer).
    share_len: usize,
    /// For each share, the term number of each of its local numbers.
    terms: Vec<Vec<u32>>,
    /// Document frequency of each term number (ascending).
    pub(crate) df: Vec<u32>,
}

impl Numbering {
    /// Count and number the words of `fingerprints`, each word replaced in
    /// place by its local number (see [`Numbering::term`]).
    pub(crate) fn new(fingerprints: &mut [Fingerprint]) -> Self {
        let share_len = fingerprints
            .len()
            .div_ceil(rayon::current_num_threads())
            .max(1);
        let shares: Vec<Share> = fingerprints
            .par_chunks_mut(share_len)
            .map(Share::count)
            .collect();
        let (globals, words, counts) = merge(&shares);
        // (document frequency, word, global number), rarest first.
        let mut ranked: Vec<(u32, u64, u32)> = counts
            .into_iter()
            .zip(words)
            .zip(0..)
            .map(|((df, word), global)| (df, word, global))
            .collect();
        ranked.par_sort_unstable();
        let mut number = vec![0u32; ranked.len()];
        for (rank, &(_, _, global)) in ranked.iter().enumerate() {
            number[global as usize] = rank as u32;
        }
        let terms = globals
            .into_par_iter()
            .map(|share| share.into_iter().map(|g| number[g as usize]).collect())
            .collect();
        Numbering {
            share_len,
            terms,
            df: ranked.into_iter().map(|(df, ..)| df).collect(),
        }
    }

    /// The term number of the word with local number `local` in text
    /// number `text`.
    #[inline]
    pub(crate) fn term(&self, text: usize, local: u32) -> u32 {
        self.terms[text / self.share_len][local as usize]
    }
}

/// One thread's share of the texts: each word it met, by local number,
/// and how many of its texts hold it.
struct Share {
    words: Vec<u64>,
    df: Vec<u32>,
}

impl Share {
    fn count(texts: &mut [Fingerprint]) -> Share {
        let mut met = Vocabulary::with_capacity(FIRST_WORDS);
        for w in texts.iter_mut().flat_map(|f| &mut f.words) {
            let number = met.add(w.word(), 1);
            *w = w.numbered(number);
        }
        // The map goes; only the words and their counts are merged.
        Share {
            words: met.words,
            df: met.df,
        }
    }
}

/// Words numbered in the order they are first met, each with a count.
struct Vocabulary {
    numbers: WordMap,
    words: Vec<u64>,
    df: Vec<u32>,
}

impl Vocabulary {
    fn with_capacity(words: usize) -> Self {
        Vocabulary {
            numbers: WordMap::with_capacity(words),
            words: Vec::with_capacity(words),
            df: Vec::with_capacity(words),
        }
    }

    /// Add `df` to `word`'s count and return its number (the next one, if
    /// the word is new).
    fn add(&mut self, word: u64, df: u32) -> u32 {
        let next = self.words.len() as u32;
        let number = self.numbers.get_or_insert(word, next);
        if number == next {
            self.words.push(word);
            self.df.push(0);
        }
        self.df[number as usize] += df;
        number
    }
}

/// The shares' words in one numbering (by first appearance): each share's
/// local numbers as global ones, and each global word with its document
/// frequency.
fn merge(shares: &[Share]) -> (Vec<Vec<u32>>, Vec<u64>, Vec<u32>) {
    let largest = shares.iter().map(|s| s.words.len()).max().unwrap_or(0);
    let mut all = Vocabulary::with_capacity(largest);
    let globals = shares
        .iter()
        .map(|share| {
            let counted = share.words.iter().zip(&share.df);
            counted.map(|(&word, &df)| all.add(word, df)).collect()
        })
        .collect();
    (globals, all.words, all.df)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Texts over a small vocabulary, in one share per thread: every
    /// word's term number must follow its document frequency (ties by
    /// hash), whichever share met it first.
    #[test]
    fn terms_are_numbered_rarest_first_across_shares() {
        let texts: Vec<String> = (0..50)
            .map(|i| (0..=i % 7).map(|k| format!("w{} ", (i * k) % 11)).collect())
            .collect();
        let mut prints: Vec<Fingerprint> = texts.iter().map(Fingerprint::of).collect();
        let words: Vec<Vec<u64>> = prints
            .iter()
            .map(|p| p.words.iter().map(|w| w.word()).collect())
            .collect();
        let numbering = Numbering::new(&mut prints);
        let mut df: HashMap<u64, u32> = HashMap::new();
        words
            .iter()
            .flatten()
            .for_each(|&w| *df.entry(w).or_default() += 1);
        let mut expected: Vec<(u32, u64)> = df.iter().map(|(&w, &n)| (n, w)).collect();
        expected.sort_unstable();
        let rank: HashMap<u64, u32> = expected
            .iter()
            .enumerate()
            .map(|(r, &(_, w))| (w, r as u32))
            .collect();
        assert_eq!(
            numbering.df,
            expected.iter().map(|&(n, _)| n).collect::<Vec<_>>()
        );
        for (text, (print, words)) in prints.iter().zip(&words).enumerate() {
            for (w, word) in print.words.iter().zip(words) {
                assert_eq!(numbering.term(text, w.local()), rank[word], "text {text}");
                assert!(w.count() >= 1);
            }
        }
        assert!(numbering.terms.len() > 1 || rayon::current_num_threads() == 1);
    }
}
