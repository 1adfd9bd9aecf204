//! Candidate pairs without comparing all pairs.
//!
//! An inverted index maps each term to the documents holding it. For each
//! document, walking the postings of its terms accumulates its dot product
//! with every earlier document that shares a term; documents sharing nothing
//! are never touched, so cost follows the postings, not N². Very common terms
//! are left out of the walk (not out of the score: candidates found are then
//! scored on their full vectors), except that every document keeps a few of
//! its rarest terms in the walk however common they are: an article made only
//! of common words would otherwise never meet even its exact copy.

use crate::progress::Progress;
use crate::tuning::Tuning;
use crate::vectorise::{dot, SparseVec};
use rayon::prelude::*;

/// A scored pair of documents (`a < b`, indices into the corpus).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    /// The earlier document.
    pub a: u32,
    /// The later document.
    pub b: u32,
    /// Cosine of their vectors.
    pub cosine: f32,
}

/// Postings of the terms worth searching on, in one flat array (a term's
/// list is `entries[starts[t]..starts[t + 1]]`): counted first and filled
/// once, so a million documents' postings take no more than they hold.
///
/// A pair is found through a term both documents search on. Most documents
/// search on their terms under the cap; one with too few such terms also
/// searches on its next rarest, and so meets only documents that do the same,
/// which keeps those long lists out of everyone else's walk.
struct InvertedIndex {
    starts: Vec<u32>,
    entries: Vec<(u32, f32)>,
    /// Documents holding each term.
    df: Vec<u32>,
    /// Per document, the highest document frequency of a term it searches on.
    reach: Vec<u32>,
    /// Per document, the norm of its weights on the terms over the cap: by
    /// Cauchy–Schwarz, the terms two documents do not both search on add at
    /// most the product of these norms to their cosine.
    left_out_norm: Vec<f32>,
}

impl InvertedIndex {
    fn build(vectors: &[SparseVec], df_cap: usize, min_searched: usize) -> Self {
        let df = document_frequencies(vectors);
        let mut freqs = Vec::new();
        let reach = vectors
            .iter()
            .map(|v| {
                freqs.clear();
                freqs.extend(v.iter().map(|&(t, _)| df[t as usize]));
                search_reach(&mut freqs, df_cap, min_searched)
            })
            .collect();
        let left_out_norm = vectors
            .iter()
            .map(|v| {
                let common = v.iter().filter(|&&(t, _)| df[t as usize] as usize > df_cap);
                common.map(|&(_, w)| w * w).sum::<f32>().sqrt()
            })
            .collect();
        let mut index = InvertedIndex {
            starts: Vec::new(),
            entries: Vec::new(),
            df,
            reach,
            left_out_norm,
        };
        index.fill(vectors);
        index
    }

    /// Lays out every document's searched terms, term by term.
    fn fill(&mut self, vectors: &[SparseVec]) {
        let mut starts = vec![0u32; self.df.len() + 1];
        for (doc, vector) in vectors.iter().enumerate() {
            for &(term, _) in self.searched_terms(doc, vector) {
                starts[term as usize + 1] += 1;
            }
        }
        for t in 1..starts.len() {
            starts[t] += starts[t - 1];
        }
        let mut next = starts.clone();
        let mut entries = vec![(0u32, 0f32); starts[self.df.len()] as usize];
        for (doc, vector) in vectors.iter().enumerate() {
            for &(term, weight) in self.searched_terms(doc, vector) {
                entries[next[term as usize] as usize] = (doc as u32, weight);
                next[term as usize] += 1;
            }
        }
        self.starts = starts;
        self.entries = entries;
    }

    /// The terms of `doc` (whose vector is `vector`) it searches on.
    fn searched_terms<'v>(
        &self,
        doc: usize,
        vector: &'v SparseVec,
    ) -> impl Iterator<Item = &'v (u32, f32)> + use<'v, '_> {
        let reach = self.reach[doc];
        vector
            .iter()
            .filter(move |&&(t, _)| self.df[t as usize] <= reach)
    }

    fn postings(&self, term: u32) -> &[(u32, f32)] {
        let t = term as usize;
        &self.entries[self.starts[t] as usize..self.starts[t + 1] as usize]
    }
}

/// How many documents hold each term.
fn document_frequencies(vectors: &[SparseVec]) -> Vec<u32> {
    let terms = vectors
        .iter()
        .flat_map(|v| v.iter().map(|&(t, _)| t as usize + 1))
        .max()
        .unwrap_or(0);
    let mut df = vec![0u32; terms];
    for &(term, _) in vectors.iter().flatten() {
        df[term as usize] += 1;
    }
    df
}

/// The document frequency up to which a document's terms are searched on,
/// given their frequencies: `cap`, or the frequency of its `min_searched`-th
/// rarest term if that is higher. Shared with the persistent index, so both
/// search every article on at least its `min_searched` rarest terms.
pub fn search_reach(freqs: &mut [u32], cap: usize, min_searched: usize) -> u32 {
    let cap = cap.min(u32::MAX as usize) as u32;
    if min_searched == 0 || freqs.is_empty() {
        return cap;
    }
    let k = min_searched.min(freqs.len()) - 1;
    let (_, kth, _) = freqs.select_nth_unstable(k);
    cap.max(*kth)
}

/// Every pair whose cosine reaches `tuning.min_edge`, keeping each document's
/// `tuning.neighbours` strongest links to earlier documents.
pub fn similar_pairs(vectors: &[SparseVec], tuning: &Tuning, progress: &dyn Progress) -> Vec<Edge> {
    let n = vectors.len();
    let index = InvertedIndex::build(vectors, tuning.max_postings, tuning.min_searched_terms);
    progress.start("candidates", n as u64);
    // Chunks, not single documents, are the unit of parallel work, and each
    // dense accumulator (one float per document) is made once per piece of
    // work a thread takes on, not per chunk.
    let chunks: Vec<(usize, usize)> = (0..n)
        .step_by(CHUNK)
        .map(|s| (s, (s + CHUNK).min(n)))
        .collect();
    let edges: Vec<Edge> = chunks
        .into_par_iter()
        .map_init(
            || Accumulator::new(n),
            |acc, (start, end)| {
                let found: Vec<Edge> = (start..end)
                    .flat_map(|b| neighbours_of(b, vectors, &index, acc, tuning))
                    .collect();
                progress.advance((end - start) as u64);
                found
            },
        )
        .flatten_iter()
        .collect();
    progress.finish();
    edges
}

/// Documents per unit of parallel work.
const CHUNK: usize = 512;

/// Dense scratch space reused across documents by one thread.
struct Accumulator {
    sums: Vec<f32>,
    touched: Vec<u32>,
}

impl Accumulator {
    fn new(n: usize) -> Self {
        Accumulator {
            sums: vec![0.0; n],
            touched: Vec::new(),
        }
    }
}

fn neighbours_of(
    b: usize,
    vectors: &[SparseVec],
    index: &InvertedIndex,
    acc: &mut Accumulator,
    tuning: &Tuning,
) -> Vec<Edge> {
    for &(term, weight) in index.searched_terms(b, &vectors[b]) {
        for &(a, other) in index.postings(term) {
            if a as usize >= b {
                break;
            }
            if acc.sums[a as usize] == 0.0 {
                acc.touched.push(a);
            }
            acc.sums[a as usize] += weight * other;
        }
    }
    let mut found: Vec<Edge> = Vec::new();
    for a in acc.touched.drain(..) {
        let partial = std::mem::take(&mut acc.sums[a as usize]);
        let left_out = index.left_out_norm[a as usize] * index.left_out_norm[b];
        if partial + left_out < tuning.min_edge {
            continue;
        }
        let cosine = dot(&vectors[a as usize], &vectors[b]);
        if cosine >= tuning.min_edge {
            found.push(Edge {
                a,
                b: b as u32,
                cosine,
            });
        }
    }
    found.sort_by(|x, y| y.cosine.total_cmp(&x.cosine).then(x.a.cmp(&y.a)));
    found.truncate(tuning.neighbours);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::NoProgress;

    fn unit(terms: &[(u32, f32)]) -> SparseVec {
        let norm = terms.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        terms.iter().map(|&(t, w)| (t, w / norm)).collect()
    }

    fn pairs(
        vectors: &[SparseVec],
        max_postings: usize,
        min_searched_terms: usize,
    ) -> Vec<(u32, u32)> {
        let tuning = Tuning {
            max_postings,
            min_searched_terms,
            neighbours: usize::MAX,
            ..Tuning::default()
        };
        let mut found: Vec<(u32, u32)> = similar_pairs(vectors, &tuning, &NoProgress)
            .iter()
            .map(|e| (e.a, e.b))
            .collect();
        found.sort();
        found
    }

    /// Sparse vectors over a small vocabulary, so that terms are shared often.
    fn random_vectors(count: usize, vocabulary: u32) -> Vec<SparseVec> {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..count)
            .map(|_| {
                let mut terms: Vec<(u32, f32)> = (0..6)
                    .map(|_| {
                        (
                            (next() % vocabulary as u64) as u32,
                            1.0 + (next() % 4) as f32,
                        )
                    })
                    .collect();
                terms.sort_by_key(|&(t, _)| t);
                terms.dedup_by_key(|&mut (t, _)| t);
                unit(&terms)
            })
            .collect()
    }

    fn brute_force(vectors: &[SparseVec], min_edge: f32) -> Vec<(u32, u32)> {
        let mut found = Vec::new();
        for b in 0..vectors.len() {
            for a in 0..b {
                if dot(&vectors[a], &vectors[b]) >= min_edge {
                    found.push((a as u32, b as u32));
                }
            }
        }
        found.sort();
        found
    }

    #[test]
    fn with_every_term_searched_the_index_finds_exactly_the_brute_force_pairs() {
        let vectors = random_vectors(300, 60);
        let expected = brute_force(&vectors, Tuning::default().min_edge);
        assert!(expected.len() > 100, "the test corpus should share terms");
        assert_eq!(pairs(&vectors, usize::MAX, 0), expected);
        // A tight cap with every term kept per document reaches the same pairs.
        assert_eq!(pairs(&vectors, 1, 6), expected);
    }

    #[test]
    fn a_document_of_common_terms_still_meets_its_copy() {
        let mut vectors = vec![unit(&[(0, 3.0), (1, 4.0)]), unit(&[(0, 3.0), (1, 4.0)])];
        vectors.extend((0..4).map(|i| unit(&[(i % 2, 1.0), (2 + i, 1.0)])));
        // Terms 0 and 1 are each in four documents, over the cap of two.
        assert!(!pairs(&vectors, 2, 0).contains(&(0, 1)));
        assert!(pairs(&vectors, 2, 1).contains(&(0, 1)));
    }
}
