//! IDF-weighted unit vectors over a whole corpus.
//!
//! Look-alike articles (one template, other names and numbers) share most
//! of their common words; what tells copies apart from look-alikes is the
//! rare words — names, numbers, places — so every word is weighted by its
//! inverse document frequency.

use crate::words::bag_of_words;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use storyline_align::normalise;

/// A unit vector: `(term number, weight)` sorted by term number. Terms are
/// numbered rarest first (by document frequency), so a vector lists its
/// rarest terms first — the order the similarity join needs.
pub type Vector = Vec<(u32, f32)>;

/// Every document's vector, with the corpus statistics they were built on.
pub struct Corpus {
    /// One vector per input text.
    pub vectors: Vec<Vector>,
    /// Document frequency of each term number (ascending).
    pub df: Vec<u32>,
    /// Hash of each text's word sequence (equal hashes: exact copies).
    pub sequences: Vec<u64>,
}

impl Corpus {
    /// Fingerprint every text (in parallel) and weight its words. A text
    /// may come in parts (a headline and a body), read as one.
    pub fn build<T: Text>(texts: &[T]) -> Self {
        let bags: Vec<(Vec<(u64, u32)>, u64)> =
            texts.par_iter().map(|t| bag_of_words(&t.parts())).collect();
        let (number, df) = rarest_first(document_frequencies(&bags));
        let n = texts.len();
        let idfs: Vec<f32> = df.par_iter().map(|&d| idf(n, d)).collect();
        let tf_weights: Vec<f32> = (0..TF_TABLE)
            .map(|tf| 1.0 + (tf.max(1) as f32).ln())
            .collect();
        let (vectors, sequences) = bags
            .into_par_iter()
            .map(|(bag, sequence)| {
                let mut v: Vector = bag
                    .iter()
                    .map(|&(hash, tf)| {
                        let term = number[&hash];
                        let tf_weight = tf_weights
                            .get(tf as usize)
                            .copied()
                            .unwrap_or_else(|| 1.0 + (tf as f32).ln());
                        (term, tf_weight * idfs[term as usize])
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

/// A text to fingerprint, in one or more parts.
pub trait Text: Sync {
    /// The parts, in reading order.
    fn parts(&self) -> Vec<&str>;
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

impl Text for (Option<&str>, &str) {
    fn parts(&self) -> Vec<&str> {
        self.0.into_iter().chain([self.1]).collect()
    }
}

/// Term frequencies below this have their weight looked up, not computed.
const TF_TABLE: u32 = 64;

/// How many texts hold each word hash, counted per thread and merged.
fn document_frequencies(bags: &[(Vec<(u64, u32)>, u64)]) -> HashMap<u64, u32> {
    bags.par_iter()
        .fold(HashMap::default, |mut counts, (bag, _)| {
            for &(hash, _) in bag {
                *counts.entry(hash).or_default() += 1;
            }
            counts
        })
        .reduce(HashMap::default, |mut a, b| {
            let (mut a, b) = if a.len() >= b.len() {
                (a, b)
            } else {
                (b, std::mem::take(&mut a))
            };
            for (hash, n) in b {
                *a.entry(hash).or_default() += n;
            }
            a
        })
}

/// Number the terms rarest first (ties by hash, so the numbering is the
/// same on every run); returns each hash's number and the document
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
