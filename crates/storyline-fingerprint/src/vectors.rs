//! IDF-weighted unit vectors over a whole corpus.
//!
//! Look-alike articles (one template, other names and numbers) share most
//! of their common words; what tells copies apart from look-alikes is the
//! rare words — names, numbers, places — so every word is weighted by its
//! inverse document frequency.

use crate::words::bag_of_words;
use rayon::prelude::*;

/// A unit vector: `(term number, weight)` sorted by term number.
pub type Vector = Vec<(u32, f32)>;

/// Every document's vector, with the corpus statistics they were built on.
pub struct Corpus {
    /// One vector per input text.
    pub vectors: Vec<Vector>,
    /// Document frequency of each term number.
    pub df: Vec<u32>,
    /// Hash of each text's word sequence (equal hashes: exact copies).
    pub sequences: Vec<u64>,
}

impl Corpus {
    /// Fingerprint every text (in parallel) and weight its words.
    pub fn build<T: AsRef<str> + Sync>(texts: &[T]) -> Self {
        let bags: Vec<(Vec<(u64, u32)>, u64)> =
            texts.par_iter().map(|t| bag_of_words(t.as_ref())).collect();
        let (terms, df) = document_frequencies(&bags);
        let n = texts.len();
        let idfs: Vec<f32> = df.par_iter().map(|&d| idf(n, d)).collect();
        let tf_weights: Vec<f32> = (0..TF_TABLE)
            .map(|tf| 1.0 + (tf.max(1) as f32).ln())
            .collect();
        let (vectors, sequences) = bags
            .into_par_iter()
            .map(|(bag, sequence)| {
                // Both lists are sorted by hash: find each term after the
                // previous one.
                let mut from = 0;
                let mut v: Vector = bag
                    .iter()
                    .map(|&(hash, tf)| {
                        let term = from + gallop(&terms[from..], hash);
                        from = term + 1;
                        let tf_weight = tf_weights
                            .get(tf as usize)
                            .copied()
                            .unwrap_or_else(|| 1.0 + (tf as f32).ln());
                        (term as u32, tf_weight * idfs[term])
                    })
                    .collect();
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

/// Term frequencies below this have their weight looked up, not computed.
const TF_TABLE: u32 = 64;

/// Position of `hash` in sorted `terms`, where it must be: exponential
/// search from the front, cheap when the next term is near.
fn gallop(terms: &[u64], hash: u64) -> usize {
    let mut end = 1;
    while end < terms.len() && terms[end - 1] < hash {
        end *= 2;
    }
    let start = end / 2;
    let end = end.min(terms.len());
    start + terms[start..end].partition_point(|&t| t < hash)
}

/// Distinct word hashes, sorted, and how many texts hold each.
fn document_frequencies(bags: &[(Vec<(u64, u32)>, u64)]) -> (Vec<u64>, Vec<u32>) {
    let mut all: Vec<u64> = bags
        .par_iter()
        .flat_map_iter(|(bag, _)| bag.iter().map(|&(h, _)| h))
        .collect();
    all.par_sort_unstable();
    let mut terms = Vec::new();
    let mut df: Vec<u32> = Vec::new();
    for h in all {
        if terms.last() == Some(&h) {
            *df.last_mut().expect("a count per term") += 1;
        } else {
            terms.push(h);
            df.push(1);
        }
    }
    (terms, df)
}

/// Smoothed IDF, `ln((1 + N) / (1 + df)) + 1`, as the engine uses.
fn idf(docs: usize, df: u32) -> f32 {
    ((1.0 + docs as f32) / (1.0 + df as f32)).ln() + 1.0
}

fn normalise(v: &mut Vector) {
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|(_, w)| *w /= norm);
    }
}

/// Cosine of two unit vectors.
pub fn cosine(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gallop_finds_every_term() {
        let terms: Vec<u64> = (0..1000).map(|i| i * 7 + 3).collect();
        for (i, &t) in terms.iter().enumerate() {
            assert_eq!(gallop(&terms, t), i);
            assert_eq!(i + gallop(&terms[i..], t), i);
        }
    }
}
