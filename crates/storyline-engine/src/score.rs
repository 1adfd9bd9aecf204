//! Pair similarity: the cosine of two articles, bounded in time.

use crate::relation::Relation;
use crate::tuning::Tuning;
use crate::when::When;

/// Similarity in [0, 1] of two articles with cosine `cosine`, placed in
/// time by `a` and `b`. A pair whose headlines and leads name weekdays, none
/// of them shared, is damped (`weekday_penalty`: likely two events on
/// different days; see [`crate::when`]). Articles further apart in time than
/// `date_window_days` can be damped too (`date_penalty`; off by default:
/// see `Tuning::date_penalty`). Never zeroed: text close enough still joins.
pub fn pair_score(cosine: f32, a: When, b: When, tuning: &Tuning) -> f32 {
    let far_apart = match (a.day, b.day) {
        (Some(x), Some(y)) => (x - y).abs() > tuning.date_window_days,
        _ => false,
    };
    let mut score = cosine;
    if far_apart {
        score *= tuning.date_penalty;
    }
    if a.weekdays.conflict(b.weekdays) {
        score *= tuning.weekday_penalty;
    }
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
/// ([`Tuning::score_blend`]), damped in time as links are ([`pair_score`]).
/// Batch pairs and `compare` both take it from here.
pub fn shown_weight(
    cosine: f32,
    meaning: Option<f32>,
    (a, b): (When, When),
    tuning: &Tuning,
) -> f32 {
    pair_score(blended(cosine, meaning, tuning.score_blend()), a, b, tuning)
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
    use crate::when::Weekdays;

    fn on(day: Option<i64>, weekdays: &str) -> When {
        When {
            day,
            weekdays: Weekdays::named_in("en", [weekdays]),
        }
    }

    #[test]
    fn distant_dates_damp_the_score_when_asked() {
        let mut t = Tuning::default();
        let (early, late) = (on(Some(100), ""), on(Some(900), ""));
        assert_eq!(pair_score(0.8, early, late, &t), 0.8, "off by default");
        t.date_penalty = 0.5;
        assert_eq!(pair_score(0.8, early, on(Some(103), ""), &t), 0.8);
        assert_eq!(pair_score(0.8, on(None, ""), late, &t), 0.8);
        assert!((pair_score(0.8, early, late, &t) - 0.4).abs() < 1e-6);
    }

    #[test]
    fn leads_on_different_weekdays_damp_the_score() {
        let t = Tuning::default();
        let damped = 0.8 * t.weekday_penalty;
        assert!(t.weekday_penalty < 1.0);
        let score = |a: &str, b: &str| pair_score(0.8, on(None, a), on(None, b), &t);
        assert!((score("Monday", "on Thursday") - damped).abs() < 1e-6);
        assert_eq!(score("Monday", "Monday and Thursday"), 0.8);
        assert_eq!(score("Monday", "no day named"), 0.8);
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
