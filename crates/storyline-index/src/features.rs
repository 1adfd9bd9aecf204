//! An article's terms as the index keeps them, and the vectors built from them.
//!
//! The engine's term ids live only as long as a process, so the index keys
//! each term by a hash of its stem text, which every process computes alike.
//! It stores each term's weight *before* IDF: document frequencies change
//! with every article added, so IDF is applied whenever two articles are
//! compared, from the frequencies of that moment.

use rustc_hash::FxHashMap as HashMap;
use storyline_align::normalise;
use storyline_analyse::term_text;
use storyline_engine::vectorise::{tf_idf, weighted_terms};
use storyline_engine::{Document, Tuning};

/// A term key: the FNV-1a hash of the stem's text.
pub type TermKey = i64;

/// Summed occurrence weights of an article's terms, sorted by key.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features(pub Vec<(TermKey, f32)>);

/// A unit-length IDF-weighted vector, sorted by key.
pub type Vector = Vec<(TermKey, f32)>;

impl Features {
    /// The features of a prepared document.
    pub fn of(doc: &Document, tuning: &Tuning) -> Self {
        let mut by_id: HashMap<u32, f32> = HashMap::default();
        weighted_terms(doc, tuning, |term, weight| {
            *by_id.entry(term.id).or_default() += weight;
        });
        let mut terms: Vec<(TermKey, f32)> = by_id
            .into_iter()
            .map(|(id, weight)| (key_of(&term_text(id)), weight))
            .collect();
        // Two stems hashing alike would be one term; add their weights.
        storyline_align::sum_by_key(&mut terms);
        Features(terms)
    }

    /// The keys, for postings and document frequencies.
    pub fn keys(&self) -> impl Iterator<Item = TermKey> + '_ {
        self.0.iter().map(|&(k, _)| k)
    }

    /// Pack as little-endian `(i64 key, f32 weight)` records.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.0.len() * 12);
        for &(key, weight) in &self.0 {
            out.extend_from_slice(&key.to_le_bytes());
            out.extend_from_slice(&weight.to_le_bytes());
        }
        out
    }

    /// Unpack what [`Features::encode`] wrote.
    pub fn decode(bytes: &[u8]) -> Self {
        Features(
            bytes
                .chunks_exact(12)
                .map(|r| {
                    let key = i64::from_le_bytes(r[..8].try_into().expect("8 bytes"));
                    let weight = f32::from_le_bytes(r[8..].try_into().expect("4 bytes"));
                    (key, weight)
                })
                .collect(),
        )
    }

    /// The IDF-weighted unit vector under the given document frequencies.
    pub fn vector(&self, df: &impl Frequencies) -> Vector {
        let docs = df.docs().max(1);
        let mut v: Vector = self
            .0
            .iter()
            .map(|&(key, tf)| (key, tf_idf(tf, docs, df.df(key).max(1))))
            .collect();
        normalise(&mut v);
        v
    }
}

/// Document frequencies as a comparison sees them.
pub trait Frequencies {
    /// How many articles hold `key`.
    fn df(&self, key: TermKey) -> u32;
    /// How many articles there are.
    fn docs(&self) -> usize;
}

/// FNV-1a of the stem text, as a signed key because SQLite integers are signed.
pub fn key_of(text: &str) -> TermKey {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash as i64
}

/// Cosine of two unit vectors sorted by key.
pub fn cosine(a: &Vector, b: &Vector) -> f32 {
    storyline_align::sparse_dot(a, b)
}

/// Document frequencies of the whole index, held in memory: every comparison
/// needs them, and reading them row by row would dominate a query.
#[derive(Debug, Clone, Default)]
pub struct DocFrequencies {
    counts: HashMap<TermKey, u32>,
    /// Articles in the index.
    pub docs: usize,
}

impl DocFrequencies {
    /// Frequencies as read from the index.
    pub fn new(counts: impl IntoIterator<Item = (TermKey, u32)>, docs: usize) -> Self {
        DocFrequencies {
            counts: counts.into_iter().collect(),
            docs,
        }
    }

    /// Distinct terms counted.
    pub fn terms(&self) -> usize {
        self.counts.len()
    }

    /// Count an article in (`+1`) or out (`-1`).
    pub fn apply(&mut self, features: &Features, delta: i32) {
        for key in features.keys() {
            let n = self.counts.entry(key).or_default();
            *n = n.saturating_add_signed(delta);
            if *n == 0 {
                self.counts.remove(&key);
            }
        }
        self.docs = self.docs.saturating_add_signed(delta as isize);
    }
}

impl Frequencies for DocFrequencies {
    fn df(&self, key: TermKey) -> u32 {
        self.counts.get(&key).copied().unwrap_or(0)
    }

    fn docs(&self) -> usize {
        self.docs
    }
}

/// Frequencies of an index plus the articles a write has added or removed
/// but not yet committed: the write sees its own articles, readers see the
/// committed state until [`Pending::publish`].
pub struct Pending<'a> {
    base: &'a DocFrequencies,
    delta: HashMap<TermKey, i32>,
    docs: isize,
    changes: Vec<(Features, i32)>,
}

impl<'a> Pending<'a> {
    /// No changes yet over `base`.
    pub fn new(base: &'a DocFrequencies) -> Self {
        Pending {
            base,
            delta: HashMap::default(),
            docs: 0,
            changes: Vec::new(),
        }
    }

    /// Count an article in (`+1`) or out (`-1`).
    pub fn apply(&mut self, features: &Features, delta: i32) {
        for key in features.keys() {
            *self.delta.entry(key).or_default() += delta;
        }
        self.docs += delta as isize;
        self.changes.push((features.clone(), delta));
    }

    /// The changes, to apply to the shared frequencies once committed.
    pub fn into_changes(self) -> Vec<(Features, i32)> {
        self.changes
    }
}

impl Frequencies for Pending<'_> {
    fn df(&self, key: TermKey) -> u32 {
        let delta = self.delta.get(&key).copied().unwrap_or(0);
        self.base.df(key).saturating_add_signed(delta)
    }

    fn docs(&self) -> usize {
        self.base.docs.saturating_add_signed(self.docs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_survive_encoding() {
        let f = Features(vec![(-5, 1.5), (7, 2.25), (i64::MAX, 0.5)]);
        assert_eq!(Features::decode(&f.encode()), f);
    }

    #[test]
    fn rarer_shared_terms_weigh_more() {
        let mut df = DocFrequencies::default();
        let a = Features(vec![(1, 1.0), (2, 1.0)]);
        let b = Features(vec![(1, 1.0), (3, 1.0)]);
        let c = Features(vec![(2, 1.0), (3, 1.0)]);
        df.apply(&a, 1);
        df.apply(&b, 1);
        df.apply(&c, 1);
        df.apply(&Features(vec![(1, 1.0)]), 1);
        // Term 1 is in three articles, term 2 in two: a is closer to c than to b.
        let (va, vb, vc) = (a.vector(&df), b.vector(&df), c.vector(&df));
        assert!(cosine(&va, &vc) > cosine(&va, &vb));
        assert!((cosine(&va, &va) - 1.0).abs() < 1e-5);
        df.apply(&a, -1);
        assert_eq!(df.df(2), 1);
        assert_eq!(df.docs, 3);
    }

    #[test]
    fn pending_changes_show_over_the_base() {
        let mut base = DocFrequencies::default();
        base.apply(&Features(vec![(1, 1.0)]), 1);
        let mut pending = Pending::new(&base);
        pending.apply(&Features(vec![(1, 1.0), (2, 1.0)]), 1);
        assert_eq!((pending.df(1), pending.df(2), pending.docs()), (2, 1, 2));
        assert_eq!((base.df(1), base.docs), (1, 1));
    }
}
