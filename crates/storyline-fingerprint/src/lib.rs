//! Fast near-copy detection: which texts are copies of each other, with
//! light edits, and nothing else.
//!
//! The full `storyline cluster` job cleans, analyses, aligns and labels;
//! when only near-copies are wanted, this path skips all of that:
//! `scan` finds and hashes each word a 64-byte block at a time, [`words`]
//! counts them, `numbering` numbers the
//! corpus's words rarest first (each thread its share of the texts),
//! [`vectors`] weights them by IDF over the corpus and orders each vector
//! for the join, and [`join`] finds every pair whose cosine reaches the
//! threshold — exactly, not by sampling as MinHash LSH does — with prefix
//! filtering, so only pairs sharing rare words are ever compared.
//!
//! ```
//! let texts = [
//!     "Floods closed the Marlow bridge on Friday, officials said.",
//!     "Floods closed the Marlow bridge on Friday, officials told reporters.",
//!     "The chess final in Oslo ended in a draw after six hours.",
//! ];
//! let pairs = storyline_fingerprint::near_copies(&texts, 0.6);
//! assert_eq!(pairs.len(), 1);
//! assert_eq!((pairs[0].a, pairs[0].b, pairs[0].exact), (0, 1, false));
//! ```

pub mod join;
mod numbering;
mod scan;
mod table;
pub mod vectors;
pub mod words;

/// Two texts found to be copies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NearCopy {
    /// Index of the first text.
    pub a: u32,
    /// Index of the second (`a < b`).
    pub b: u32,
    /// Cosine of their IDF-weighted word vectors.
    pub cosine: f32,
    /// The same words in the same order (case, spacing and punctuation aside).
    pub exact: bool,
}

pub use words::{Fingerprint, Text};

/// Every pair of `texts` whose weighted word vectors have cosine at least
/// `threshold`, ordered by `(a, b)`. A text is a `&str`, a `String`, or a
/// headline and body `(Option<&str>, &str)`.
pub fn near_copies<T: Text>(texts: &[T], threshold: f32) -> Vec<NearCopy> {
    use rayon::prelude::*;
    near_copies_among(texts.par_iter().map(Fingerprint::of).collect(), threshold)
}

/// [`near_copies`] of texts already fingerprinted: a caller reading a large
/// input fingerprints it a batch at a time and lets each batch's text go,
/// so only the fingerprints are ever held together.
pub fn near_copies_among(fingerprints: Vec<Fingerprint>, threshold: f32) -> Vec<NearCopy> {
    let corpus = vectors::Corpus::build(fingerprints, threshold);
    join::similar_pairs(&corpus.vectors, corpus.df.len(), threshold)
        .into_iter()
        .map(|(a, b, cosine)| NearCopy {
            a,
            b,
            cosine,
            exact: corpus.sequences[a as usize] == corpus.sequences[b as usize],
        })
        .collect()
}
