//! The likely original of a story.
//!
//! When every article carries a date, the earliest is the original. Otherwise
//! the original is the article whose text the copies are contained in: for
//! each copy relation (exact, near-copy, rewrite), the partner's aligned share
//! counts for the article that contains it. A story of independent reports
//! with no dates has no original.

use crate::corpus::Pair;
use crate::document::Document;

/// The original among `members` (corpus indices), given the story's labelled pairs.
pub fn likely_original(members: &[usize], docs: &[Document], pairs: &[Pair]) -> Option<usize> {
    let contained = containment(members, pairs);
    let days: Option<Vec<i64>> = members.iter().map(|&m| docs[m].day()).collect();
    if let Some(days) = days.filter(|d| d.iter().any(|&x| x != d[0])) {
        let earliest = *days.iter().min()?;
        let first: Vec<usize> = members
            .iter()
            .zip(&days)
            .filter(|(_, &d)| d == earliest)
            .map(|(&m, _)| m)
            .collect();
        return best_container(&first, &contained, members, docs);
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
        return best_container(&copies, &contained, members, docs);
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
    docs: &[Document],
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
    let debris = |i: usize| {
        docs[i]
            .cleaned
            .removed
            .iter()
            .filter(|r| !r.kind.is_addition())
            .count()
    };
    choices
        .iter()
        .copied()
        .filter(|&c| contained[slot(c)] >= best * (1.0 - NEAR_TIE))
        .min_by(|&x, &y| {
            debris(x)
                .cmp(&debris(y))
                .then(
                    docs[y]
                        .analysed
                        .word_count()
                        .cmp(&docs[x].analysed.word_count()),
                )
                .then(x.cmp(&y))
        })
}

/// Containment within this share of the best counts as a tie.
const NEAR_TIE: f32 = 0.1;
