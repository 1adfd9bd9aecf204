//! B-cubed, pairwise and adjusted-Rand scores, plus the worst mistakes.

use serde::Serialize;
use std::collections::HashMap;

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
}

impl Prf {
    fn new(precision: f64, recall: f64) -> Self {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// A predicted cluster mixing gold stories, or a gold story split apart.
#[derive(Debug, Clone, Serialize)]
pub struct Mistake {
    /// The predicted cluster (for merges) or gold story (for splits).
    pub label: String,
    /// Wrongly joined (merges) or wrongly separated (splits) item pairs.
    pub wrong_pairs: u64,
    /// The other side's labels with how many items each holds.
    pub parts: Vec<(String, usize)>,
}

/// All clustering scores.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterScores {
    /// Items scored.
    pub items: usize,
    /// Gold stories.
    pub gold_clusters: usize,
    /// Predicted stories.
    pub predicted_clusters: usize,
    /// B-cubed precision/recall/F1.
    pub bcubed: Prf,
    /// Pairwise precision/recall/F1 over item pairs.
    pub pairwise: Prf,
    /// Adjusted Rand index.
    pub ari: f64,
    /// Predicted clusters that join different gold stories, worst first.
    pub worst_merges: Vec<Mistake>,
    /// Gold stories split over predicted clusters, worst first.
    pub worst_splits: Vec<Mistake>,
}

fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

/// Score predicted labels against gold labels (same length, same item order).
/// `worst` bounds the length of the mistake lists.
pub fn score_clustering(predicted: &[String], gold: &[String], worst: usize) -> ClusterScores {
    assert_eq!(
        predicted.len(),
        gold.len(),
        "one predicted label per gold label"
    );
    let mut joint: HashMap<(&str, &str), u64> = HashMap::new();
    let mut pred_size: HashMap<&str, u64> = HashMap::new();
    let mut gold_size: HashMap<&str, u64> = HashMap::new();
    for (p, g) in predicted.iter().zip(gold) {
        *joint.entry((p, g)).or_default() += 1;
        *pred_size.entry(p).or_default() += 1;
        *gold_size.entry(g).or_default() += 1;
    }
    let n = predicted.len() as f64;
    let (mut bp, mut br) = (0.0, 0.0);
    for (&(p, g), &c) in &joint {
        let c = c as f64;
        bp += c * c / pred_size[p] as f64;
        br += c * c / gold_size[g] as f64;
    }
    let together: u64 = joint.values().map(|&c| pairs(c)).sum();
    let pred_pairs: u64 = pred_size.values().map(|&c| pairs(c)).sum();
    let gold_pairs: u64 = gold_size.values().map(|&c| pairs(c)).sum();
    let ratio = |x: u64, y: u64| if y == 0 { 1.0 } else { x as f64 / y as f64 };
    ClusterScores {
        items: predicted.len(),
        gold_clusters: gold_size.len(),
        predicted_clusters: pred_size.len(),
        bcubed: Prf::new(
            if n > 0.0 { bp / n } else { 0.0 },
            if n > 0.0 { br / n } else { 0.0 },
        ),
        pairwise: Prf::new(ratio(together, pred_pairs), ratio(together, gold_pairs)),
        ari: adjusted_rand(
            together,
            pred_pairs,
            gold_pairs,
            pairs(predicted.len() as u64),
        ),
        worst_merges: mistakes(&joint, |&(p, g)| (p, g), worst),
        worst_splits: mistakes(&joint, |&(p, g)| (g, p), worst),
    }
}

fn adjusted_rand(together: u64, pred_pairs: u64, gold_pairs: u64, all_pairs: u64) -> f64 {
    if all_pairs == 0 {
        return 1.0;
    }
    let expected = pred_pairs as f64 * gold_pairs as f64 / all_pairs as f64;
    let max = (pred_pairs as f64 + gold_pairs as f64) / 2.0;
    if (max - expected).abs() < f64::EPSILON {
        return 1.0;
    }
    (together as f64 - expected) / (max - expected)
}

/// Group the contingency table by one side and count the cross pairs each
/// group gets wrong.
fn mistakes<'a>(
    joint: &HashMap<(&'a str, &'a str), u64>,
    key: impl Fn(&(&'a str, &'a str)) -> (&'a str, &'a str),
    worst: usize,
) -> Vec<Mistake> {
    let mut groups: HashMap<&str, Vec<(String, usize)>> = HashMap::new();
    for (cell, &count) in joint {
        let (outer, inner) = key(cell);
        groups
            .entry(outer)
            .or_default()
            .push((inner.to_string(), count as usize));
    }
    let mut out: Vec<Mistake> = groups
        .into_iter()
        .filter(|(_, parts)| parts.len() > 1)
        .map(|(label, mut parts)| {
            parts.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
            let total: u64 = parts.iter().map(|p| p.1 as u64).sum();
            let within: u64 = parts.iter().map(|p| pairs(p.1 as u64)).sum();
            Mistake {
                label: label.to_string(),
                wrong_pairs: pairs(total) - within,
                parts,
            }
        })
        .collect();
    out.sort_by(|x, y| {
        y.wrong_pairs
            .cmp(&x.wrong_pairs)
            .then(x.label.cmp(&y.label))
    });
    out.truncate(worst);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(s: &str) -> Vec<String> {
        s.chars().map(String::from).collect()
    }

    #[test]
    fn perfect_clustering_scores_one() {
        let s = score_clustering(&labels("aabbc"), &labels("xxyyz"), 5);
        assert_eq!(s.bcubed.f1, 1.0);
        assert_eq!(s.pairwise.f1, 1.0);
        assert!((s.ari - 1.0).abs() < 1e-12);
        assert!(s.worst_merges.is_empty() && s.worst_splits.is_empty());
    }

    #[test]
    fn one_merge_lowers_precision_only() {
        // Gold {0,1} {2,3}; predicted all in one.
        let s = score_clustering(&labels("aaaa"), &labels("xxyy"), 5);
        assert_eq!(s.bcubed.recall, 1.0);
        assert_eq!(s.bcubed.precision, 0.5);
        assert_eq!(s.pairwise.precision, 2.0 / 6.0);
        assert_eq!(s.worst_merges.len(), 1);
        assert_eq!(s.worst_merges[0].wrong_pairs, 4);
        assert!(s.ari.abs() < 1e-12, "all-in-one has ARI 0, got {}", s.ari);
    }

    #[test]
    fn split_is_reported() {
        let s = score_clustering(&labels("aabc"), &labels("xxxx"), 5);
        assert_eq!(s.bcubed.precision, 1.0);
        // Each item's recall: 2/4 for the pair, 1/4 for each loner → (2·0.5 + 0.25 + 0.25) / 4.
        assert!((s.bcubed.recall - 0.375).abs() < 1e-12);
        assert_eq!(s.worst_splits[0].label, "x");
        assert_eq!(s.worst_splits[0].wrong_pairs, 5);
    }
}
