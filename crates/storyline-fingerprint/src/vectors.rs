//! IDF-weighted unit vectors over a whole corpus.
//!
//! Look-alike articles (one template, other names and numbers) share most
//! of their common words; what tells copies apart from look-alikes is the
//! rare words — names, numbers, places — so every word is weighted by its
//! inverse document frequency.

use crate::words::Fingerprint;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use storyline_align::normalise;

/// A unit vector: `(term number, weight)` sorted by term number. Terms are
/// numbered rarest first (by document frequency), so a vector lists its
/// rarest terms first — the order the similarity join needs.
pub type Vector = Vec<(u32, f32)>;

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
        let (number, df) = rarest_first(document_frequencies(&fingerprints));
        let n = fingerprints.len();
        let idfs: Vec<f32> = df.par_iter().map(|&d| idf(n, d)).collect();
        let tf_weights: Vec<f32> = (0..=255u32)
            .map(|tf| 1.0 + (tf.max(1) as f32).ln())
            .collect();
        let (vectors, sequences) = fingerprints
            .into_par_iter()
            .map(|Fingerprint { words, sequence }| {
                let mut v: Vector = words
                    .into_iter()
                    .map(|w| {
                        let term = number[&w.word()];
                        (term, tf_weights[w.count() as usize] * idfs[term as usize])
                    })
                    .collect();
                v.sort_unstable_by_key(|&(t, _)| t);
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

/// How many texts hold each word, counted per thread and merged.
fn document_frequencies(fingerprints: &[Fingerprint]) -> HashMap<u64, u32> {
    fingerprints
        .par_iter()
        .fold(HashMap::default, |mut counts, f| {
            for w in &f.words {
                *counts.entry(w.word()).or_default() += 1;
            }
            counts
        })
        .reduce(HashMap::default, |mut a, b| {
            let (mut a, b) = if a.len() >= b.len() {
                (a, b)
            } else {
                (b, std::mem::take(&mut a))
            };
            for (word, n) in b {
                *a.entry(word).or_default() += n;
            }
            a
        })
}

/// Number the terms rarest first (ties by hash, so the numbering is the
/// same on every run); returns each word's number and the document
/// frequencies in number order.
fn rarest_first(counts: HashMap<u64, u32>) -> (HashMap<u64, u32>, Vec<u32>) {
    let mut terms: Vec<(u32, u64)> = counts.into_iter().map(|(h, n)| (n, h)).collect();
    terms.par_sort_unstable();
    let number = terms
        .iter()
        .enumerate()
        .map(|(i, &(_, h))| (h, i as u32))
        .collect();
    (number, terms.into_iter().map(|(n, _)| n).collect())
}

/// Smoothed IDF, `ln((1 + N) / (1 + df)) + 1`, as the engine uses.
fn idf(docs: usize, df: u32) -> f32 {
    ((1.0 + docs as f32) / (1.0 + df as f32)).ln() + 1.0
}
