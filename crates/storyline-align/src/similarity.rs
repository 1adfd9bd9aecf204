//! The two sentence similarities alignment uses.

use storyline_analyse::{Sentence, Term};

/// Each sentence's content terms as an L2-normalised weighted vector, so the
/// cosine of two sentences is one sparse dot product.
#[derive(Debug, Clone, Default)]
pub struct SentenceVectors {
    vectors: Vec<Vec<(u32, f32)>>,
}

impl SentenceVectors {
    /// Build vectors with a caller-chosen term id and weight (typically the
    /// corpus term id and IDF times a boost for names), so sentence and
    /// article similarity agree. Terms mapped to `None` are left out.
    pub fn new(sentences: &[Sentence], weigh: impl Fn(&Term) -> Option<(u32, f32)>) -> Self {
        let vectors = sentences.iter().map(|s| vector(&s.terms, &weigh)).collect();
        SentenceVectors { vectors }
    }

    /// Cosine of sentence `i` here and sentence `j` of `other`.
    pub fn cosine(&self, i: usize, other: &SentenceVectors, j: usize) -> f32 {
        sparse_dot(&self.vectors[i], &other.vectors[j]).min(1.0)
    }
}

/// Sort `(key, weight)` entries by key and merge entries of one key,
/// adding their weights: the sparse vector of a list of occurrences.
pub fn sum_by_key<K: Ord + Copy>(v: &mut Vec<(K, f32)>) {
    v.sort_unstable_by_key(|&(k, _)| k);
    v.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 += later.1;
        }
        same
    });
}

/// Scale a vector to unit length (a zero vector stays zero).
pub fn normalise<K>(v: &mut [(K, f32)]) {
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|(_, w)| *w /= norm);
    }
}

/// Dot product of two sparse vectors sorted by key (a cosine when both are
/// L2-normalised): one merge pass over the shared keys.
pub fn sparse_dot<K: Ord>(a: &[(K, f32)], b: &[(K, f32)]) -> f32 {
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

fn vector(terms: &[Term], weigh: &impl Fn(&Term) -> Option<(u32, f32)>) -> Vec<(u32, f32)> {
    let mut v: Vec<(u32, f32)> = terms.iter().filter_map(weigh).collect();
    sum_by_key(&mut v);
    normalise(&mut v);
    v
}

/// Word-sequence similarity: twice the longest common subsequence of words
/// over the total length. 1 for identical sentences; a typo or a swapped word
/// costs little, a reworded sentence scores low.
pub fn copy_similarity<T: PartialEq>(a: &[T], b: &[T]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut prev = vec![0u32; b.len() + 1];
    let mut row = vec![0u32; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            row[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(row[j])
            };
        }
        std::mem::swap(&mut prev, &mut row);
    }
    2.0 * prev[b.len()] as f32 / (a.len() + b.len()) as f32
}
