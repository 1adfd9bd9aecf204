//! Pair similarity: the cosine of two articles, optionally bounded in time.

use crate::relation::Relation;
use crate::tuning::Tuning;

/// Similarity in [0, 1] of two articles with cosine `cosine` and optional
/// dates (days since the epoch). Articles further apart in time than
/// `date_window_days` can have their similarity damped (`date_penalty`),
/// never zeroed: a follow-up months later can still join if its text is
/// close enough. Off by default: see `Tuning::date_penalty`.
pub fn pair_score(cosine: f32, day_a: Option<i64>, day_b: Option<i64>, tuning: &Tuning) -> f32 {
    let far_apart = match (day_a, day_b) {
        (Some(a), Some(b)) => (a - b).abs() > tuning.date_window_days,
        _ => false,
    };
    let score = if far_apart {
        cosine * tuning.date_penalty
    } else {
        cosine
    };
    score.clamp(0.0, 1.0)
}

/// How a sentence-embedding cosine is blended into a term cosine: `share`
/// of the result is the embedding cosine, rescaled so that `floor` (where
/// unrelated texts sit) becomes 0 and 1 stays 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Blend {
    pub share: f32,
    pub floor: f32,
}

/// Similarity of two articles from their term cosine and, when a
/// sentence-embedding model is in use, their embeddings' cosine `meaning`.
pub fn blended(cosine: f32, meaning: Option<f32>, blend: Blend) -> f32 {
    match meaning {
        None => cosine,
        Some(m) => {
            let floor = blend.floor.clamp(0.0, 0.99);
            let stretched = ((m - floor) / (1.0 - floor)).clamp(0.0, 1.0);
            let share = blend.share.clamp(0.0, 1.0);
            (1.0 - share) * cosine + share * stretched
        }
    }
}

/// The weight behind the score a pair reports: its term `cosine`, blended
/// with its embeddings' cosine `meaning` when there is one
/// ([`Tuning::score_blend`]), damped by date distance if asked ([`pair_score`]).
/// Batch pairs and `compare` both take it from here.
pub fn shown_weight(
    cosine: f32,
    meaning: Option<f32>,
    (day_a, day_b): (Option<i64>, Option<i64>),
    tuning: &Tuning,
) -> f32 {
    pair_score(
        blended(cosine, meaning, tuning.score_blend()),
        day_a,
        day_b,
        tuning,
    )
}

/// The similarity reported for a pair whose link weight ([`pair_score`]) is
/// `weight`: spread out by `tuning.score_exponent` so that it grows about
/// linearly with judged similarity. Only what is shown changes; the order
/// of pairs does not.
pub fn reported_score(weight: f32, tuning: &Tuning) -> f32 {
    weight.max(0.0).powf(tuning.score_exponent)
}

/// The score shown for a judged pair: 1 for an exact copy, else its
/// [`reported_score`]. Batch pairs and `compare` both show this.
pub fn judged_score(relation: Relation, weight: f32, tuning: &Tuning) -> f32 {
    if relation == Relation::Exact {
        1.0
    } else {
        reported_score(weight, tuning)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distant_dates_damp_the_score_when_asked() {
        let mut t = Tuning::default();
        assert_eq!(
            pair_score(0.8, Some(100), Some(900), &t),
            0.8,
            "off by default"
        );
        t.date_penalty = 0.5;
        assert_eq!(pair_score(0.8, Some(100), Some(103), &t), 0.8);
        assert_eq!(pair_score(0.8, None, Some(900), &t), 0.8);
        assert!((pair_score(0.8, Some(100), Some(900), &t) - 0.4).abs() < 1e-6);
    }

    #[test]
    fn an_embedding_cosine_is_blended_in_above_its_floor() {
        let b = Blend {
            share: 0.25,
            floor: 0.4,
        };
        assert_eq!(blended(0.4, None, b), 0.4);
        let unrelated = blended(0.4, Some(0.3), b);
        assert!((unrelated - 0.4 * 0.75).abs() < 1e-6);
        let same = blended(0.4, Some(1.0), b);
        assert!((same - (0.4 * 0.75 + 0.25)).abs() < 1e-6);
        let halfway = blended(0.4, Some(0.7), b);
        assert!((halfway - (0.4 * 0.75 + 0.25 * 0.5)).abs() < 1e-6);
    }

    #[test]
    fn reported_scores_keep_the_order_and_the_ends() {
        let t = Tuning::default();
        let shown: Vec<f32> = [0.0, 0.1, 0.3, 0.6, 1.0]
            .iter()
            .map(|&w| reported_score(w, &t))
            .collect();
        assert!(shown.windows(2).all(|w| w[0] < w[1]), "{shown:?}");
        assert_eq!((shown[0], shown[4]), (0.0, 1.0));
        assert!(shown[2] > 0.3, "weak links are spread upwards: {shown:?}");
    }
}
