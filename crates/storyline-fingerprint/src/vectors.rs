//! IDF-weighted unit vectors over a whole corpus.
//!
//! Look-alike articles (one template, other names and numbers) share most
//! of their common words; what tells copies apart from look-alikes is the
//! rare words — names, numbers, places — so every word is weighted by its
//! inverse document frequency.

use crate::table::WordMap;
use crate::words::Fingerprint;
use rayon::prelude::*;
use storyline_align::normalise;

/// A unit vector: `(term number, weight)` sorted by term number. Terms are
/// numbered rarest first (by document frequency), so a vector lists its
/// rarest terms first — the order the similarity join needs.
pub type Vector = Vec<Entry>;

/// One term of a [`Vector`]: `(term number, weight)`.
pub type Entry = (u32, f32);

/// Every document's vector, with the corpus statistics they were built on.
pub struct Corpus {
    /// One vector per fingerprint.
    pub vectors: Vec<Vector>,
    /// Document frequency of each term number (ascending).
    pub df: Vec<u32>,
    /// Hash of each text's word sequence (equal hashes: exact copies).
    pub sequences: Vec<u64>,
}

impl Corpus {
    /// Weight every fingerprint's words by IDF over all of them (in
    /// parallel). Each vector is written into its fingerprint's own
    /// allocation, so the bags are never held twice.
    pub fn build(fingerprints: Vec<Fingerprint>) -> Self {
        let mut number = document_frequencies(&fingerprints);
        let df = rarest_first(&mut number);
        let n = fingerprints.len();
        let idfs: Vec<f32> = df.par_iter().map(|&d| idf(n, d)).collect();
        let tf_weights: Vec<f32> = (0..=255u32)
            .map(|tf| 1.0 + (tf.max(1) as f32).ln())
            .collect();
        let passes = digits(df.len());
        let (vectors, sequences) = fingerprints
            .into_par_iter()
            .map_init(Vec::new, |scratch, Fingerprint { words, sequence }| {
                let mut v: Vector = words
                    .into_iter()
                    .map(|w| {
                        let term = number.get(w.word()).expect("every word is numbered");
                        (term, tf_weights[w.count() as usize] * idfs[term as usize])
                    })
                    .collect();
                sort_by_term(&mut v, scratch, passes);
                normalise(&mut v);
                (v, sequence)
            })
            .unzip();
        Corpus {
            vectors,
            df,
            sequences,
        }
    }
}

/// Vectors shorter than this are sorted by comparison; longer ones by
/// radix, whose fixed cost (a 256-slot count per pass) they outweigh. A
/// round guess, not a measured crossing: a news article has about three
/// times as many distinct words, so few vectors fall below it.
const RADIX_MIN: usize = 64;

/// Eight-bit digits needed to write every term number below `terms`.
fn digits(terms: usize) -> u32 {
    let bits = usize::BITS - terms.saturating_sub(1).leading_zeros();
    bits.div_ceil(8).max(1)
}

/// Sort a vector by term number. A news article has a few hundred distinct
/// words; sorting them by comparison took a tenth of `dedup`'s
/// instructions, and a least-significant-digit radix sort over the term
/// numbers' `passes` bytes (two up to 65,536 distinct words, three up to
/// 16 million) does the same in a few linear passes. `scratch` is reused across
/// vectors; the result ends in `v`'s own allocation.
fn sort_by_term(v: &mut [Entry], scratch: &mut Vec<Entry>, passes: u32) {
    if v.len() < RADIX_MIN {
        v.sort_unstable_by_key(|&(t, _)| t);
        return;
    }
    scratch.clear();
    scratch.resize(v.len(), (0, 0.0));
    let mut in_scratch = false;
    for pass in 0..passes {
        let shift = 8 * pass;
        let digit = |t: u32| ((t >> shift) & 0xFF) as usize;
        let (from, to): (&[Entry], &mut [Entry]) = if in_scratch {
            (scratch, v)
        } else {
            (v, scratch)
        };
        let mut starts = [0u32; 256];
        for &(t, _) in from.iter() {
            starts[digit(t)] += 1;
        }
        if starts.contains(&(from.len() as u32)) {
            continue; // every term has the same digit here
        }
        let mut sum = 0;
        for slot in starts.iter_mut() {
            (*slot, sum) = (sum, sum + *slot);
        }
        for &entry in from.iter() {
            let slot = &mut starts[digit(entry.0)];
            to[*slot as usize] = entry;
            *slot += 1;
        }
        in_scratch = !in_scratch;
    }
    if in_scratch {
        v.copy_from_slice(scratch);
    }
}

/// Room a thread's count starts with (it grows as needed): a large table
/// made at once would be zeroed page by page for words that never come.
const FIRST_WORDS: usize = 1 << 15;

/// How many texts hold each word: each thread counts a contiguous share
/// of the texts in its own map, and the maps are merged into the largest.
fn document_frequencies(fingerprints: &[Fingerprint]) -> WordMap {
    let share = fingerprints
        .len()
        .div_ceil(rayon::current_num_threads())
        .max(1);
    let mut maps: Vec<WordMap> = fingerprints
        .par_chunks(share)
        .map(|texts| {
            let mut counts = WordMap::with_capacity(FIRST_WORDS);
            for w in texts.iter().flat_map(|f| &f.words) {
                counts.add(w.word(), 1);
            }
            counts
        })
        .collect();
    maps.sort_by_key(|m| std::cmp::Reverse(m.len()));
    let mut maps = maps.into_iter();
    let mut all = maps.next().unwrap_or_else(|| WordMap::with_capacity(0));
    for other in maps {
        all.merge(&other);
    }
    all
}

/// Number the terms rarest first (ties by hash, so the numbering is the
/// same on every run), in place: each word's count becomes its number.
/// Returns the document frequencies in number order.
fn rarest_first(counts: &mut WordMap) -> Vec<u32> {
    let mut terms: Vec<(u32, u64)> = counts.iter().map(|(h, n)| (n, h)).collect();
    terms.par_sort_unstable();
    for (i, &(_, h)) in terms.iter().enumerate() {
        counts.set(h, i as u32);
    }
    terms.into_iter().map(|(n, _)| n).collect()
}

/// Smoothed IDF, `ln((1 + N) / (1 + df)) + 1`, as the engine uses.
fn idf(docs: usize, df: u32) -> f32 {
    ((1.0 + docs as f32) / (1.0 + df as f32)).ln() + 1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_cover_every_term_number() {
        assert_eq!(
            [1, 256, 257, 65_536, 65_537, 1 << 24].map(digits),
            [1, 1, 2, 2, 3, 3]
        );
    }

    #[test]
    fn the_radix_sort_orders_like_a_comparison_sort() {
        let mut scratch = Vec::new();
        let mut state = 1u64;
        let mut random = |below: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % below
        };
        for len in [0, 1, 5, RADIX_MIN - 1, RADIX_MIN, 300, 2_000] {
            for terms in [300usize, 70_000, 20_000_000] {
                // Distinct term numbers, as in a vector, in random order.
                let mut expected: Vector = (0..len).map(|_| (random(terms) as u32, 0.0)).collect();
                expected.sort_unstable_by_key(|&(t, _)| t);
                expected.dedup_by_key(|e| e.0);
                expected.iter_mut().for_each(|e| e.1 = e.0 as f32);
                let mut v = expected.clone();
                for i in (1..v.len()).rev() {
                    v.swap(i, random(i + 1));
                }
                let allocation = v.as_ptr();
                sort_by_term(&mut v, &mut scratch, digits(terms));
                assert_eq!(v, expected, "{len} entries, {terms} terms");
                assert_eq!(v.as_ptr(), allocation, "sorted in its own allocation");
            }
        }
    }
}
