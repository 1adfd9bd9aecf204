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

/// Postings of the terms worth searching on.
struct InvertedIndex {
    postings: Vec<Vec<(u32, f32)>>,
    /// Per document, its weights on the terms left out of the postings (the
    /// few very common ones), to complete a partial dot product cheaply.
    left_out: Vec<SparseVec>,
    /// Norms of `left_out`: by Cauchy–Schwarz, two documents' left-out terms
    /// add at most the product of these norms to their cosine.
    left_out_norm: Vec<f32>,
}

impl InvertedIndex {
    fn build(vectors: &[SparseVec], df_cap: usize) -> Self {
        let terms = vectors
            .iter()
            .flat_map(|v| v.iter().map(|&(t, _)| t as usize + 1))
            .max()
            .unwrap_or(0);
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); terms];
        for (doc, vector) in vectors.iter().enumerate() {
            for &(term, weight) in vector {
                postings[term as usize].push((doc as u32, weight));
            }
        }
        let mut left_out: Vec<SparseVec> = vec![Vec::new(); vectors.len()];
        for (term, list) in postings.iter_mut().enumerate() {
            if list.len() > df_cap {
                for &(doc, weight) in list.iter() {
                    left_out[doc as usize].push((term as u32, weight));
                }
                *list = Vec::new();
            }
        }
        let left_out_norm = left_out
            .iter()
            .map(|v| v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt())
            .collect();
        InvertedIndex {
            postings,
            left_out,
            left_out_norm,
        }
    }
}

/// Every pair whose cosine reaches `tuning.min_edge`, keeping each document's
/// `tuning.neighbours` strongest links to earlier documents.
pub fn similar_pairs(vectors: &[SparseVec], tuning: &Tuning, progress: &dyn Progress) -> Vec<Edge> {
    let n = vectors.len();
    let index = InvertedIndex::build(vectors, tuning.max_postings);
    progress.start("candidates", n as u64);
    // Chunks, not single documents, are the unit of parallel work so each
    // dense accumulator (one float per document) is allocated once per chunk.
    let chunks: Vec<(usize, usize)> = (0..n)
        .step_by(CHUNK)
        .map(|s| (s, (s + CHUNK).min(n)))
        .collect();
    let edges: Vec<Edge> = chunks
        .into_par_iter()
        .flat_map_iter(|(start, end)| {
            let mut acc = Accumulator::new(n);
            let found: Vec<Edge> = (start..end)
                .flat_map(|b| neighbours_of(b, vectors, &index, &mut acc, tuning))
                .collect();
            progress.advance((end - start) as u64);
            found
        })
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
        for &(a, other) in &index.postings[term as usize] {
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
        let cosine = partial + dot(&index.left_out[a as usize], &index.left_out[b]);
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
