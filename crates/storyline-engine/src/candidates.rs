//! Candidate pairs without comparing all pairs.
//!
//! An inverted index maps each term to the documents holding it. For each
//! document, walking the postings of its terms accumulates its dot product
//! with every earlier document that shares a term; documents sharing nothing
//! are never touched, so cost follows the postings, not N². Very common terms
//! are left out of the walk (not out of the score: candidates found are then
//! scored on their full vectors).

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
struct InvertedIndex {
    starts: Vec<u32>,
    entries: Vec<(u32, f32)>,
    /// Per document, the norm of its weights on the terms left out of the
    /// postings (the very common ones): by Cauchy–Schwarz, two documents'
    /// left-out terms add at most the product of these norms to their cosine.
    left_out_norm: Vec<f32>,
}

impl InvertedIndex {
    fn build(vectors: &[SparseVec], df_cap: usize) -> Self {
        let terms = vectors
            .iter()
            .flat_map(|v| v.iter().map(|&(t, _)| t as usize + 1))
            .max()
            .unwrap_or(0);
        let mut df = vec![0u32; terms];
        for &(term, _) in vectors.iter().flatten() {
            df[term as usize] += 1;
        }
        let kept = |term: u32| df[term as usize] as usize <= df_cap;
        let mut starts = vec![0u32; terms + 1];
        for t in 0..terms {
            let len = if kept(t as u32) { df[t] } else { 0 };
            starts[t + 1] = starts[t] + len;
        }
        let mut fill = starts.clone();
        let mut entries = vec![(0u32, 0f32); starts[terms] as usize];
        let mut left_out_norm = Vec::with_capacity(vectors.len());
        for (doc, vector) in vectors.iter().enumerate() {
            let mut left_out = 0f32;
            for &(term, weight) in vector {
                if kept(term) {
                    entries[fill[term as usize] as usize] = (doc as u32, weight);
                    fill[term as usize] += 1;
                } else {
                    left_out += weight * weight;
                }
            }
            left_out_norm.push(left_out.sqrt());
        }
        InvertedIndex {
            starts,
            entries,
            left_out_norm,
        }
    }

    fn postings(&self, term: u32) -> &[(u32, f32)] {
        let t = term as usize;
        &self.entries[self.starts[t] as usize..self.starts[t + 1] as usize]
    }
}

/// Every pair whose cosine reaches `tuning.min_edge`, keeping each document's
/// `tuning.neighbours` strongest links to earlier documents.
pub fn similar_pairs(vectors: &[SparseVec], tuning: &Tuning, progress: &dyn Progress) -> Vec<Edge> {
    let n = vectors.len();
    let index = InvertedIndex::build(vectors, tuning.max_postings);
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
    for &(term, weight) in &vectors[b] {
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
