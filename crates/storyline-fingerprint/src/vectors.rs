//! IDF-weighted unit vectors over a whole corpus.
//!
//! Look-alike articles (one template, other names and numbers) share most
//! of their common words; what tells copies apart from look-alikes is the
//! rare words — names, numbers, places — so every word is weighted by its
//! inverse document frequency.

use crate::join::prefix_bound;
use crate::numbering::Numbering;
use crate::words::Fingerprint;
use rayon::prelude::*;
use storyline_align::normalise;

/// A unit vector of `(term number, weight)` entries. Terms are numbered
/// rarest first (by document frequency), and a vector is ordered for the
/// similarity join (see `JoinOrder`): its rarest terms first, in
/// term order, as far as the join's prefix reaches; the rest grouped into
/// ranges of term numbers, rarest range first.
pub type Vector = Vec<Entry>;

/// One term of a [`Vector`]: `(term number, weight)`.
pub type Entry = (u32, f32);

/// Every document's vector, with the corpus statistics they were built on.
pub struct Corpus {
    /// One vector per fingerprint.
    pub vectors: Vec<Vector>,
    /// Document frequency of each term number (ascending).
    pub df: Vec<u32>,
    /// Hash of each text's word sequence (equal hashes: exact copies).
    pub sequences: Vec<u64>,
}

impl Corpus {
    /// Weight every fingerprint's words by IDF over all of them (in
    /// parallel), each vector ordered for joins at `threshold` or above.
    /// Each vector is written into its fingerprint's own allocation, so the
    /// bags are never held twice.
    pub fn build(mut fingerprints: Vec<Fingerprint>, threshold: f32) -> Self {
        let numbering = Numbering::new(&mut fingerprints);
        let df = &numbering.df;
        let n = fingerprints.len();
        let idfs: Vec<f32> = df.par_iter().map(|&d| idf(n, d)).collect();
        let tf_weights: Vec<f32> = (0..=255u32)
            .map(|tf| 1.0 + (tf.max(1) as f32).ln())
            .collect();
        let order = JoinOrder::new(df.len(), threshold);
        let (vectors, sequences) = fingerprints
            .into_par_iter()
            .enumerate()
            .map_init(Vec::new, |scratch, (text, print)| {
                let Fingerprint { words, sequence } = print;
                let mut v: Vector = words
                    .into_iter()
                    .map(|w| {
                        let term = numbering.term(text, w.local());
                        (term, tf_weights[w.count() as usize] * idfs[term as usize])
                    })
                    .collect();
                order.apply(&mut v, scratch);
                normalise(&mut v);
                (v, sequence)
            })
            .unzip();
        Corpus {
            vectors,
            df: numbering.df,
            sequences,
        }
    }
}

/// Vectors shorter than this are sorted whole, by comparison; longer ones
/// are grouped by range first, whose fixed cost (a 256-slot count) they
/// outweigh. A round guess, not a measured crossing: a news article has
/// about four times as many distinct words, so few vectors fall below it.
const GROUP_MIN: usize = 64;

/// Ranges of term numbers a vector's terms are grouped into.
const RANGES: usize = 256;

/// How a vector is put in the order the join needs.
///
/// The join reads a vector's *prefix* — its rarest terms, up to where the
/// weight left after them has norm below the threshold — in term order;
/// of the rest it needs only that every term comes after the prefix's
/// last, and, to rule candidates out early, that heavy (rare) terms tend
/// to come first. A news article has a few hundred distinct words and a
/// prefix of about five, so sorting every vector whole was wasted work:
/// at 10k generated articles the two passes of a radix sort over all
/// 27 k term numbers took 11–13 ms of the vectors' 18–24 ms (both cores).
/// Instead one counting pass groups the terms into [`RANGES`] ranges of
/// term numbers, and only the ranges the prefix reaches are sorted: the
/// vectors' stage at 10k took 20.2 ms against 25.5 (medians of 31
/// alternating runs), and `dedup` at 1M was no slower, so the rougher
/// order after the prefix costs verification nothing measurable. 64 and
/// 1,024 ranges measured 21.3 and 23.2 ms.
struct JoinOrder {
    /// A term's range is its number shifted right by this.
    shift: u32,
    /// Ranges are sorted until the squared weight left after them, as a
    /// share of the vector's, is below this: a little below the join's
    /// prefix bound, so rounding cannot carry the prefix past them.
    sorted_until: f32,
}

impl JoinOrder {
    fn new(terms: usize, threshold: f32) -> Self {
        let bits = usize::BITS - terms.saturating_sub(1).leading_zeros();
        JoinOrder {
            shift: bits.saturating_sub(RANGES.trailing_zeros()),
            sorted_until: prefix_bound(threshold) * (1.0 - 1e-3),
        }
    }

    /// Order `v` (see [`JoinOrder`]); `scratch` is reused across vectors,
    /// and the result ends in `v`'s own allocation.
    fn apply(&self, v: &mut [Entry], scratch: &mut Vec<Entry>) {
        if v.len() < GROUP_MIN {
            v.sort_unstable_by_key(|&(t, _)| t);
            return;
        }
        let range = |t: u32| (t >> self.shift) as usize;
        let mut starts = [0u32; RANGES + 1];
        for &(t, _) in v.iter() {
            starts[range(t) + 1] += 1;
        }
        for r in 0..RANGES {
            starts[r + 1] += starts[r];
        }
        scratch.clear();
        scratch.resize(v.len(), (0, 0.0));
        let mut fill = starts;
        for &entry in v.iter() {
            let slot = &mut fill[range(entry.0)];
            scratch[*slot as usize] = entry;
            *slot += 1;
        }
        v.copy_from_slice(scratch);
        // A vector's rare terms are spread thinly over the low ranges, so
        // the walk steps from one occupied range to the next.
        let total: f32 = v.iter().map(|(_, w)| w * w).sum();
        let mut left = total;
        let mut at = 0;
        while at < v.len() && left >= self.sorted_until * total {
            let end = starts[range(v[at].0) + 1] as usize;
            let group = &mut v[at..end];
            if group.len() > 1 {
                group.sort_unstable_by_key(|&(t, _)| t);
            }
            left -= group.iter().map(|(_, w)| w * w).sum::<f32>();
            at = end;
        }
    }
}

/// Smoothed IDF, `ln((1 + N) / (1 + df)) + 1`, as the engine uses.
fn idf(docs: usize, df: u32) -> f32 {
    ((1.0 + docs as f32) / (1.0 + df as f32)).ln() + 1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pseudo-random vectors of distinct terms in random order, for every
    /// length around the grouping switch and term counts needing one to
    /// three bytes.
    #[test]
    fn the_join_order_sorts_the_prefix_and_groups_the_rest() {
        let mut scratch = Vec::new();
        let mut state = 1u64;
        let mut random = |below: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % below
        };
        for len in [0, 1, 5, GROUP_MIN - 1, GROUP_MIN, 300, 2_000] {
            for terms in [300usize, 70_000, 20_000_000] {
                for threshold in [0.0, 0.5, 0.7, 0.95] {
                    let mut v: Vector = (0..len)
                        .map(|_| (random(terms) as u32, 0.1 + random(100) as f32))
                        .collect();
                    v.sort_unstable_by_key(|&(t, _)| t);
                    v.dedup_by_key(|e| e.0);
                    let sorted = v.clone();
                    for i in (1..v.len()).rev() {
                        v.swap(i, random(i + 1));
                    }
                    let order = JoinOrder::new(terms, threshold);
                    let allocation = v.as_ptr();
                    order.apply(&mut v, &mut scratch);
                    normalise(&mut v);
                    assert_eq!(v.as_ptr(), allocation, "ordered in its own allocation");
                    let case = format!("{len} entries, {terms} terms, threshold {threshold}");
                    // The prefix is in term order, and nothing after it
                    // comes before its last term.
                    let prefix = crate::join::prefix(&v, threshold).terms.len();
                    assert!(v[..prefix].windows(2).all(|w| w[0].0 < w[1].0), "{case}");
                    if let Some(&(last, _)) = v[..prefix].last() {
                        assert!(v[prefix..].iter().all(|&(t, _)| t > last), "{case}");
                    }
                    // The rest is grouped by range, rarest range first.
                    let range = |&(t, _): &Entry| t >> order.shift;
                    assert!(v.windows(2).all(|w| range(&w[0]) <= range(&w[1])), "{case}");
                    // And nothing was lost.
                    v.sort_unstable_by_key(|&(t, _)| t);
                    let terms_of = |v: &Vector| v.iter().map(|e| e.0).collect::<Vec<_>>();
                    assert_eq!(terms_of(&v), terms_of(&sorted), "{case}");
                }
            }
        }
    }
}
