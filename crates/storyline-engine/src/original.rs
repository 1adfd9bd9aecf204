//! The likely original of a story.
//!
//! When every article carries a date, the earliest is the original. Otherwise
//! the original is the article whose text the copies are contained in: for
//! each copy relation (exact, near-copy, rewrite), the partner's aligned share
//! counts for the article that contains it. A story of independent reports
//! with no dates has no original.

use crate::corpus::Pair;
use crate::document::Document;

/// What the choice needs to know of one article. Kept apart from
/// [`Document`] so a persistent index can decide from stored figures without
/// re-reading every member's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    /// Days since the epoch of its date, when known.
    pub day: Option<i64>,
    /// Pieces of scraping debris removed from it (not editorial additions).
    pub debris: usize,
    /// Words in its body.
    pub words: usize,
}

impl Facts {
    /// The facts of a prepared document.
    pub fn of(doc: &Document) -> Self {
        Facts {
            day: doc.day(),
            debris: doc
                .cleaned
                .removed
                .iter()
                .filter(|r| !r.kind.is_addition())
                .count(),
            words: doc.analysed.word_count(),
        }
    }
}

/// The original among `members` (indices into `facts`), given the story's
/// labelled pairs (whose `a` and `b` index `facts` too).
pub fn likely_original(members: &[usize], facts: &[Facts], pairs: &[Pair]) -> Option<usize> {
    let contained = containment(members, pairs);
    let days: Option<Vec<i64>> = members.iter().map(|&m| facts[m].day).collect();
    if let Some(days) = days.filter(|d| d.iter().any(|&x| x != d[0])) {
        let earliest = *days.iter().min()?;
        let first: Vec<usize> = members
            .iter()
            .zip(&days)
            .filter(|(_, &d)| d == earliest)
            .map(|(&m, _)| m)
            .collect();
        return best_container(&first, &contained, members, facts);
    }
    if pairs.iter().any(|p| p.relation.is_copy()) {
        let copies: Vec<usize> = members
            .iter()
            .copied()
            .filter(|m| {
                pairs
                    .iter()
                    .any(|p| p.relation.is_copy() && (p.a == *m || p.b == *m))
            })
            .collect();
        return best_container(&copies, &contained, members, facts);
    }
    None
}

/// For each member, how much of its copy partners' text it contains.
fn containment(members: &[usize], pairs: &[Pair]) -> Vec<f32> {
    let slot = |i: usize| members.iter().position(|&m| m == i);
    let mut contained = vec![0f32; members.len()];
    for pair in pairs.iter().filter(|p| p.relation.is_copy()) {
        let (Some(sa), Some(sb)) = (slot(pair.a), slot(pair.b)) else {
            continue;
        };
        contained[sa] += pair.covered_b;
        contained[sb] += pair.covered_a;
    }
    contained
}

/// Highest containment wins. Near-ties (within [`NEAR_TIE`] of the best) go
/// to the text with less scraping debris — a scrape adds credits and repeated
/// headlines to what it copies — then to the longer text, then to the earlier input.
fn best_container(
    choices: &[usize],
    contained: &[f32],
    members: &[usize],
    facts: &[Facts],
) -> Option<usize> {
    let slot = |i: usize| {
        members
            .iter()
            .position(|&m| m == i)
            .expect("choice is a member")
    };
    let best = choices
        .iter()
        .map(|&c| contained[slot(c)])
        .fold(f32::MIN, f32::max);
    choices
        .iter()
        .copied()
        .filter(|&c| contained[slot(c)] >= best * (1.0 - NEAR_TIE))
        .min_by(|&x, &y| {
            facts[x]
                .debris
                .cmp(&facts[y].debris)
                .then(facts[y].words.cmp(&facts[x].words))
                .then(x.cmp(&y))
        })
}

/// Containment within this share of the best counts as a tie.
const NEAR_TIE: f32 = 0.1;
