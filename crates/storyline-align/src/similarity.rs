//! The two sentence similarities alignment uses.

use storyline_analyse::{Sentence, Term};

/// Each sentence's content terms as an L2-normalised weighted vector, so the
/// cosine of two sentences is one sparse dot product.
#[derive(Debug, Clone, Default)]
pub struct SentenceVectors {
    vectors: Vec<Vec<(u32, f32)>>,
    /// Every `(term, sentence, weight)`, sorted: which sentences hold a
    /// term, so a sentence is compared only with those it shares terms with.
    by_term: Vec<(u32, u32, f32)>,
}

impl SentenceVectors {
    /// Build vectors with a caller-chosen term id and weight (typically the
    /// corpus term id and IDF times a boost for names), so sentence and
    /// article similarity agree. Terms mapped to `None` are left out.
    pub fn new(sentences: &[Sentence], weigh: impl Fn(&Term) -> Option<(u32, f32)>) -> Self {
        let vectors: Vec<Vec<(u32, f32)>> =
            sentences.iter().map(|s| vector(&s.terms, &weigh)).collect();
        let mut by_term: Vec<(u32, u32, f32)> = vectors
            .iter()
            .enumerate()
            .flat_map(|(i, v)| v.iter().map(move |&(t, w)| (t, i as u32, w)))
            .collect();
        by_term.sort_unstable_by_key(|&(t, i, _)| (t, i));
        SentenceVectors { vectors, by_term }
    }

    /// Cosine of sentence `i` here and sentence `j` of `other`.
    pub fn cosine(&self, i: usize, other: &SentenceVectors, j: usize) -> f32 {
        sparse_dot(&self.vectors[i], &other.vectors[j]).min(1.0)
    }

    /// The cosines of sentence `i` here with every sentence of `other`, into
    /// `row` (one slot per sentence of `other`). Equal, to the bit, to
    /// [`SentenceVectors::cosine`] for each: every shared term adds its
    /// product in the same (ascending term) order. Only the sentences
    /// sharing a term are touched, which in a table of mostly unrelated
    /// sentence pairs is a small part of them.
    pub fn cosines_into(&self, i: usize, other: &SentenceVectors, row: &mut [f32]) {
        row.fill(0.0);
        let entries = &other.by_term;
        let mut from = 0;
        for &(term, weight) in &self.vectors[i] {
            from += entries[from..].partition_point(|&(t, ..)| t < term);
            for &(_, j, other_weight) in entries[from..].iter().take_while(|&&(t, ..)| t == term) {
                row[j as usize] += weight * other_weight;
            }
        }
        row.iter_mut().for_each(|c| *c = c.min(1.0));
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
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let common = if short.len() <= 64 {
        lcs_bit_parallel(short, long)
    } else {
        lcs_table(short, long)
    };
    2.0 * common as f32 / (a.len() + b.len()) as f32
}

/// Length of the longest common subsequence, for `a` of at most 64 items:
/// the dynamic programme's column for each item of `b` kept as one word
/// of bits (Allison and Dix, 1986; Hyyrö, 2004), so a sentence pair costs
/// a few operations per word of `b` instead of a row of the table. Alignment
/// computes this for every sentence pair that shares enough content, which
/// made it the largest part of labelling a story.
fn lcs_bit_parallel<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    debug_assert!(a.len() <= 64);
    let mut v = u64::MAX;
    for y in b {
        let matches = a
            .iter()
            .enumerate()
            .fold(0u64, |m, (i, x)| m | (u64::from(x == y) << i));
        let u = v & matches;
        v = v.wrapping_add(u) | (v & !matches);
    }
    let used = if a.len() == 64 {
        u64::MAX
    } else {
        (1u64 << a.len()) - 1
    };
    (!v & used).count_ones() as usize
}

/// Length of the longest common subsequence by the textbook table, row by row.
fn lcs_table<T: PartialEq>(a: &[T], b: &[T]) -> usize {
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
    prev[b.len()] as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pseudo-random word sequences over a small vocabulary (so they share
    /// many words), of every length around the 64-item switch.
    #[test]
    fn the_bit_parallel_lcs_equals_the_table() {
        let mut state = 11u64;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        for round in 0..2000 {
            let (la, lb) = (1 + next(70) as usize, 1 + next(90) as usize);
            let vocab = 2 + round % 9;
            let a: Vec<u64> = (0..la).map(|_| next(vocab)).collect();
            let b: Vec<u64> = (0..lb).map(|_| next(vocab)).collect();
            let expected = lcs_table(&a, &b);
            if a.len() <= 64 {
                assert_eq!(lcs_bit_parallel(&a, &b), expected, "{a:?} {b:?}");
            }
            assert_eq!(lcs_table(&b, &a), expected);
        }
        assert_eq!(lcs_bit_parallel(&[1u64; 64], &[1u64; 80]), 64);
        assert_eq!(lcs_bit_parallel(&[1, 2, 3], &[3, 2, 1u64]), 1);
    }
}
