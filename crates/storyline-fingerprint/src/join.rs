//! An exact cosine similarity join with prefix filtering (the AllPairs
//! idea of Bayardo, Ma and Srikant, 2007).
//!
//! Order all terms rarest first. For a unit vector `x`, its *prefix* is its
//! rarest terms up to the point where the weight left after them has norm
//! below the threshold `t`. If `cos(x, y) >= t`, the rarest term the two
//! share lies in both prefixes — otherwise all shared terms would sit in
//! `x`'s (or `y`'s) remainder, and the cosine would be at most that
//! remainder's norm, below `t`. So indexing only prefix terms and probing
//! with prefix terms finds every pair at or above `t`, exactly; and because
//! prefixes hold the rare terms, their postings are short. Every candidate
//! is then verified on the full vectors.

use crate::vectors::{cosine, Vector};
use rayon::prelude::*;

/// Every pair `(a, b, cosine)` with `a < b` and cosine at least `threshold`.
pub fn similar_pairs(vectors: &[Vector], df: &[u32], threshold: f32) -> Vec<(u32, u32, f32)> {
    let prefixes: Vec<Vec<u32>> = vectors
        .par_iter()
        .map(|v| prefix(v, df, threshold))
        .collect();
    let postings = Postings::build(&prefixes, df.len());
    let n = vectors.len();
    let mut pairs: Vec<(u32, u32, f32)> = (0..n)
        .into_par_iter()
        .map_init(
            || vec![u32::MAX; n],
            |seen, x| {
                let mut found = Vec::new();
                for &term in &prefixes[x] {
                    for &y in postings.of(term) {
                        let y = y as usize;
                        if y <= x || seen[y] == x as u32 {
                            continue;
                        }
                        seen[y] = x as u32;
                        let c = cosine(&vectors[x], &vectors[y]);
                        if c >= threshold {
                            found.push((x as u32, y as u32, c));
                        }
                    }
                }
                found
            },
        )
        .flatten_iter()
        .collect();
    pairs.par_sort_unstable_by_key(|&(a, b, _)| (a, b));
    pairs
}

/// The terms of `v` that any partner at `threshold` must share, rarest first.
fn prefix(v: &Vector, df: &[u32], threshold: f32) -> Vec<u32> {
    let mut by_rarity: Vec<(u32, f32)> = v.clone();
    by_rarity.sort_unstable_by_key(|&(t, _)| (df[t as usize], t));
    // A hair below t², so float rounding can only lengthen a prefix.
    let bound = threshold * threshold * (1.0 - 1e-4);
    let mut left: f32 = v.iter().map(|(_, w)| w * w).sum();
    let mut out = Vec::new();
    for (term, weight) in by_rarity {
        if left < bound {
            break;
        }
        out.push(term);
        left -= weight * weight;
    }
    out
}

/// Documents by prefix term, in one flat array.
struct Postings {
    starts: Vec<u32>,
    docs: Vec<u32>,
}

impl Postings {
    fn build(prefixes: &[Vec<u32>], terms: usize) -> Self {
        let mut starts = vec![0u32; terms + 1];
        for p in prefixes {
            for &t in p {
                starts[t as usize + 1] += 1;
            }
        }
        for i in 0..terms {
            starts[i + 1] += starts[i];
        }
        let mut fill = starts.clone();
        let mut docs = vec![0u32; starts[terms] as usize];
        for (d, p) in prefixes.iter().enumerate() {
            for &t in p {
                docs[fill[t as usize] as usize] = d as u32;
                fill[t as usize] += 1;
            }
        }
        Postings { starts, docs }
    }

    fn of(&self, term: u32) -> &[u32] {
        &self.docs[self.starts[term as usize] as usize..self.starts[term as usize + 1] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vectors::Corpus;

    /// A small pseudo-random corpus; the join must find exactly the pairs a
    /// brute-force comparison finds, at every threshold.
    #[test]
    fn the_join_finds_exactly_the_brute_force_pairs() {
        let mut state = 7u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        let words: Vec<String> = (0..60).map(|i| format!("w{i}")).collect();
        let mut texts: Vec<String> = (0..80)
            .map(|_| {
                (0..30)
                    .map(|_| words[next() % 60].as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        // Some edited copies, so high thresholds have pairs too.
        for i in 0..20 {
            let mut copy: Vec<&str> = texts[i].split(' ').collect();
            copy[next() % 30] = "edited";
            texts.push(copy.join(" "));
        }
        let corpus = Corpus::build(&texts);
        for threshold in [0.3, 0.5, 0.7, 0.9] {
            let mut brute = Vec::new();
            for a in 0..texts.len() {
                for b in a + 1..texts.len() {
                    let c = cosine(&corpus.vectors[a], &corpus.vectors[b]);
                    if c >= threshold {
                        brute.push((a as u32, b as u32));
                    }
                }
            }
            let joined: Vec<(u32, u32)> = similar_pairs(&corpus.vectors, &corpus.df, threshold)
                .into_iter()
                .map(|(a, b, _)| (a, b))
                .collect();
            assert_eq!(joined, brute, "threshold {threshold}");
            assert!(!brute.is_empty());
        }
    }
}
