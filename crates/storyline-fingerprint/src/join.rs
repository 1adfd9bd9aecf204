//! An exact cosine similarity join with prefix filtering (the AllPairs
//! idea of Bayardo, Ma and Srikant, 2007).
//!
//! Terms are numbered rarest first (see `vectors`). For a unit vector `x`, its *prefix* is its
//! rarest terms up to the point where the weight left after them has norm
//! below the threshold `t`. If `cos(x, y) >= t`, the rarest term the two
//! share lies in both prefixes — otherwise all shared terms would sit in
//! `x`'s (or `y`'s) remainder, and the cosine would be at most that
//! remainder's norm, below `t`. So indexing only prefix terms and probing
//! with prefix terms finds every pair at or above `t`, exactly; and because
//! prefixes hold the rare terms, their postings are short. Every candidate
//! is then verified on the full vectors.

use crate::vectors::Vector;
use rayon::prelude::*;

/// Every pair `(a, b, cosine)` with `a < b` and cosine at least `threshold`.
/// `terms` is the number of distinct terms.
pub fn similar_pairs(vectors: &[Vector], terms: usize, threshold: f32) -> Vec<(u32, u32, f32)> {
    let prefixes: Vec<&[(u32, f32)]> = vectors.par_iter().map(|v| prefix(v, threshold)).collect();
    let postings = Postings::build(&prefixes, terms);
    let n = vectors.len();
    let mut pairs: Vec<(u32, u32, f32)> = (0..n)
        .into_par_iter()
        // Few, large pieces: each one allocates its own `seen` marks.
        .with_min_len(4096)
        .map_init(
            || (vec![u32::MAX; n], vec![0f32; terms]),
            |(seen, dense), x| {
                // x's weights spread out by term, so each candidate's cosine
                // is one branch-free pass over its own terms.
                for &(t, w) in &vectors[x] {
                    dense[t as usize] = w;
                }
                let mut found = Vec::new();
                for &(term, _) in prefixes[x] {
                    for &y in postings.of(term) {
                        let y = y as usize;
                        if y <= x || seen[y] == x as u32 {
                            continue;
                        }
                        seen[y] = x as u32;
                        if let Some(c) = verify(dense, &vectors[y], threshold) {
                            found.push((x as u32, y as u32, c));
                        }
                    }
                }
                for &(t, _) in &vectors[x] {
                    dense[t as usize] = 0.0;
                }
                found
            },
        )
        .flatten_iter()
        .collect();
    pairs.par_sort_unstable_by_key(|&(a, b, _)| (a, b));
    pairs
}

/// The cosine of `y` with the vector spread in `dense`, if it reaches
/// `threshold`. `y` lists its heaviest (rarest) terms first, so the weight it
/// has left falls fast: the pass stops as soon as the dot product so far
/// plus that weight's norm (Cauchy–Schwarz; `x` has unit norm) cannot reach
/// the threshold.
fn verify(dense: &[f32], y: &Vector, threshold: f32) -> Option<f32> {
    let (mut dot, mut left) = (0f32, 1f32);
    for chunk in y.chunks(16) {
        for &(t, w) in chunk {
            dot += dense[t as usize] * w;
            left -= w * w;
        }
        if dot + left.max(0.0).sqrt() * (1.0 + 1e-4) < threshold {
            return None;
        }
    }
    (dot >= threshold).then_some(dot)
}

/// The leading (rarest) terms of `v` that any partner at `threshold` must share.
fn prefix(v: &Vector, threshold: f32) -> &[(u32, f32)] {
    // A hair below t², so float rounding can only lengthen a prefix.
    let bound = threshold * threshold * (1.0 - 1e-4);
    let mut left: f32 = v.iter().map(|(_, w)| w * w).sum();
    let mut len = 0;
    for &(_, weight) in v {
        if left < bound {
            break;
        }
        len += 1;
        left -= weight * weight;
    }
    &v[..len]
}

/// Documents by prefix term, in one flat array.
struct Postings {
    starts: Vec<u32>,
    docs: Vec<u32>,
}

impl Postings {
    fn build(prefixes: &[&[(u32, f32)]], terms: usize) -> Self {
        let mut starts = vec![0u32; terms + 1];
        for p in prefixes {
            for &(t, _) in p.iter() {
                starts[t as usize + 1] += 1;
            }
        }
        for i in 0..terms {
            starts[i + 1] += starts[i];
        }
        let mut fill = starts.clone();
        let mut docs = vec![0u32; starts[terms] as usize];
        for (d, p) in prefixes.iter().enumerate() {
            for &(t, _) in p.iter() {
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
    use crate::words::Fingerprint;
    use storyline_align::sparse_dot as cosine;

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
        let corpus = Corpus::build(texts.iter().map(Fingerprint::of).collect());
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
            let joined: Vec<(u32, u32)> =
                similar_pairs(&corpus.vectors, corpus.df.len(), threshold)
                    .into_iter()
                    .map(|(a, b, _)| (a, b))
                    .collect();
            assert_eq!(joined, brute, "threshold {threshold}");
            assert!(!brute.is_empty());
        }
    }
}
